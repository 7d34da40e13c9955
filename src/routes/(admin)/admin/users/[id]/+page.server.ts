import { m } from '$lib/paraglide/messages';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { resetPasswordSchema, updateUserSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { getUser, cohortOptions, setPassword, setUserActive, updateUser } from '$lib/server/db/queries/users';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { recordAudit } from '$lib/server/audit';

function loadTarget(event: RequestEvent) {
	const id = Number(event.params.id);
	const user = Number.isInteger(id) && id > 0 ? getUser(id) : null;
	if (!user) error(404, { message: m.user_not_found(), requestId: event.locals.requestId });
	return user;
}

const snapshot = (u: NonNullable<ReturnType<typeof getUser>>) => ({ name: u.name, roles: u.roles, cohortId: u.cohortId, active: u.active });

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	return { target: loadTarget(event), cohorts: cohortOptions(), created: event.url.searchParams.has('created') };
};

export const actions: Actions = {
	update: async (event) => {
		const admin = requireRole(event, 'admin');
		const target = loadTarget(event);
		const parsed = await parseForm(event.request, updateUserSchema);
		if (!parsed.ok) return parsed.failure;
		if (target.id === admin.id && !parsed.data.roles.includes('admin')) {
			return fail(400, { errors: { roles: m.user_own_admin() }, values: parsed.values });
		}
		updateUser(target.id, parsed.data);
		recordAudit({ actorId: admin.id, action: 'user.update', entityType: 'user', entityId: target.id, before: snapshot(target), after: snapshot(getUser(target.id)!) });
		return { saved: m.user_saved() };
	},
	deactivate: async (event) => {
		const admin = requireRole(event, 'admin');
		const target = loadTarget(event);
		if (target.id === admin.id) return fail(400, { errors: { _form: m.user_own_deactivate() }, values: {} });
		setUserActive(target.id, false);
		recordAudit({ actorId: admin.id, action: 'user.deactivate', entityType: 'user', entityId: target.id, before: { active: true }, after: { active: false } });
		return { saved: m.user_deactivated_saved({ name: target.name }) };
	},
	reactivate: async (event) => {
		const admin = requireRole(event, 'admin');
		const target = loadTarget(event);
		setUserActive(target.id, true);
		recordAudit({ actorId: admin.id, action: 'user.reactivate', entityType: 'user', entityId: target.id, before: { active: false }, after: { active: true } });
		return { saved: m.user_reactivated_saved({ name: target.name }) };
	},
	resetPassword: async (event) => {
		const admin = requireRole(event, 'admin');
		const target = loadTarget(event);
		const parsed = await parseForm(event.request, resetPasswordSchema);
		if (!parsed.ok) return parsed.failure;
		await setPassword(target.id, parsed.data.password, true);
		invalidateUserSessions(target.id);
		recordAudit({ actorId: admin.id, action: 'user.reset_password', entityType: 'user', entityId: target.id, after: { mustChangePassword: true } });
		return { saved: m.user_password_reset_saved({ name: target.name }) };
	}
};
