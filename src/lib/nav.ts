// Navigation entries per role. Features add their entries here; the shell shows those the user's roles allow.
// Labels are getters over messages/*.json, so reading one gives the current interface language.
import type { Role } from './domain/roles';
import { m } from './paraglide/messages';

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

export const NAV_GROUP_LABELS: Record<NavGroup, string> = {
	get learn() {
		return m.nav_group_learn();
	},
	get teach() {
		return m.nav_group_teach();
	},
	get admin() {
		return m.nav_group_admin();
	}
};

export const NAV_ITEMS: NavItem[] = [
	{ href: '/', get label() { return m.nav_dashboard(); }, roles: [], group: 'learn' },
	{ href: '/courses', get label() { return m.nav_courses(); }, roles: [], group: 'learn' },
	{ href: '/calls', get label() { return m.nav_mock_calls(); }, roles: [], group: 'learn' },
	{ href: '/practice/voice-check', get label() { return m.nav_voice_check(); }, roles: [], group: 'learn' },
	{ href: '/trainer/trainees', get label() { return m.nav_my_trainees(); }, roles: ['trainer'], group: 'teach' },
	{ href: '/trainer/assignments', get label() { return m.nav_assignments(); }, roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/trainer/calls', get label() { return m.nav_call_review(); }, roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/trainer/courses', get label() { return m.nav_course_editor(); }, roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/trainer/scenarios', get label() { return m.nav_scenario_editor(); }, roles: ['trainer', 'admin'], group: 'teach' },
	{ href: '/admin/users', get label() { return m.nav_users(); }, roles: ['admin'], group: 'admin' },
	{ href: '/admin/cohorts', get label() { return m.nav_cohorts(); }, roles: ['admin'], group: 'admin' },
	{
		href: '/admin/certificates',
		get label() { return m.nav_certification(); },
		roles: ['admin'],
		group: 'admin',
		also: ['/admin/programmes', '/trainer/trainees']
	},
	{ href: '/admin/audit', get label() { return m.nav_audit_log(); }, roles: ['admin'], group: 'admin' },
	{ href: '/admin/speech', get label() { return m.nav_speech(); }, roles: ['admin'], group: 'admin' }
];

export function navFor(roles: readonly Role[]): NavItem[] {
	return NAV_ITEMS.filter((item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)));
}

export function isActive(href: string, pathname: string, also: readonly string[] = []): boolean {
	const under = (prefix: string) => pathname === prefix || pathname.startsWith(prefix + '/');
	return href === '/' ? pathname === '/' : under(href) || also.some(under);
}
