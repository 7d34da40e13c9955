// Navigation entries per role. Features add their entries here; the shell shows those the user's roles allow.
import type { Role } from './domain/roles';

export interface NavItem {
	href: string;
	label: string;
	/** Roles that see the entry; empty = every signed-in user. */
	roles: Role[];
}

export const NAV_ITEMS: NavItem[] = [
	{ href: '/', label: 'Dashboard', roles: [] },
	{ href: '/practice/voice-check', label: 'Microphone check', roles: [] },
	{ href: '/courses', label: 'Courses', roles: [] },
	{ href: '/trainer/courses', label: 'Course editor', roles: ['trainer', 'admin'] },
	{ href: '/calls', label: 'Mock calls', roles: [] },
	{ href: '/trainer/calls', label: 'Call review', roles: ['trainer', 'admin'] },
	{ href: '/trainer/scenarios', label: 'Scenario editor', roles: ['trainer', 'admin'] },
	{ href: '/trainer/trainees', label: 'My trainees', roles: ['trainer'] },
	{ href: '/admin/users', label: 'Users', roles: ['admin'] },
	{ href: '/admin/cohorts', label: 'Cohorts', roles: ['admin'] },
	{ href: '/admin/certificates', label: 'Certification', roles: ['admin'] },
	{ href: '/admin/audit', label: 'Audit log', roles: ['admin'] }
];

export function navFor(roles: readonly Role[]): NavItem[] {
	return NAV_ITEMS.filter((item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)));
}

export function isActive(href: string, pathname: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
