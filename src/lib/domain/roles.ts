// The one list of roles. Route groups, guards, forms, navigation and tests all import it.
import { m } from '../paraglide/messages';

export const ROLES = ['trainee', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Getters over messages/*.json: reading one gives the current interface language. */
export const ROLE_LABELS: Record<Role, string> = {
	get trainee() {
		return m.role_trainee();
	},
	get trainer() {
		return m.role_trainer();
	},
	get admin() {
		return m.role_admin();
	}
};

/** Who may enter each route group. `null` = anyone, `[]` = any signed-in user. */
export const GROUP_ACCESS: Record<string, readonly Role[] | null> = {
	'(public)': null,
	'(app)': [],
	'(trainer)': ['trainer', 'admin'],
	'(admin)': ['admin']
};

export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
	return allowed.length === 0 || allowed.some((r) => userRoles.includes(r));
}

/** The route group of a SvelteKit route id such as `/(admin)/admin/users`, or null if it has none. */
export function routeGroup(routeId: string): string | null {
	const m = /^\/(\([a-z]+\))/.exec(routeId);
	return m ? m[1] : null;
}
