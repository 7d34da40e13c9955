// Navigation entries per role. Features add their entries here; the shell shows those the user's roles allow.
import type { Role } from './domain/roles';

export type NavGroup = 'learn' | 'teach' | 'admin';

export interface NavItem {
	href: string;
	label: string;
	/** Roles that see the entry; empty = every signed-in user. */
	roles: Role[];
	/** learn: the main bar; teach and admin: the labelled tool bar below it. */
	group: NavGroup;
	/** Other path prefixes that belong to this entry (it shows as the current page there too). */
	also?: string[];
}

export const NAV_GROUP_LABELS: Record<NavGroup, string> = { learn: 'Learn', teach: 'Trainer', admin: 'Admin' };

export const NAV_ITEMS: NavItem[] = [
	{ href: '/', label: 'Dashboard', roles: [], group: 'learn' },
	{ href: '/courses', label: 'Courses', roles: [], group: 'learn' },
	{ href: '/calls', label: 'Mock calls', roles: [], group: 'learn' },
	{ href: '/practice/voice-check', label: 'Microphone check', roles: [], group: 'learn' },
	{ href: '/trainer/trainees', label: 'My trainees', roles: ['trainer'], group: 'teach' },
	{ href: '/trainer/assignments', label: 'Assignments', roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/trainer/calls', label: 'Call review', roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/trainer/courses', label: 'Course editor', roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/trainer/scenarios', label: 'Scenario editor', roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/admin/users', label: 'Users', roles: ['admin'], group: 'admin' },
	{ href: '/admin/cohorts', label: 'Cohorts', roles: ['admin'], group: 'admin' },
	{
		href: '/admin/certificates',
		label: 'Certification',
		roles: ['admin'],
		group: 'admin',
		also: ['/admin/programmes', '/trainer/trainees']
	},
	{ href: '/admin/audit', label: 'Audit log', roles: ['admin'], group: 'admin' },
	{ href: '/admin/speech', label: 'Speech', roles: ['admin'], group: 'admin' }
];

export function navFor(roles: readonly Role[]): NavItem[] {
	return NAV_ITEMS.filter((item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)));
}

export function isActive(href: string, pathname: string, also: readonly string[] = []): boolean {
	const under = (prefix: string) => pathname === prefix || pathname.startsWith(prefix + '/');
	return href === '/' ? pathname === '/' : under(href) || also.some(under);
}
