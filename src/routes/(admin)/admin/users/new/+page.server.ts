import { m } from '$lib/paraglide/messages';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { createUserSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { createUser, emailTaken, getUser, cohortOptions } from '$lib/server/db/queries/users';
import { recordAudit } from '$lib/server/audit';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	return { cohorts: cohortOptions() };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = await parseForm(event.request, createUserSchema);
		if (!parsed.ok) return parsed.failure;
		if (emailTaken(parsed.data.email)) {
			return fail(400, { errors: { email: m.user_email_taken() }, values: parsed.values });
		}
		// The admin sets a first password; the user must change it at first sign-in.
		const id = await createUser({ ...parsed.data, mustChangePassword: true });
		const created = getUser(id);
		recordAudit({ actorId: admin.id, action: 'user.create', entityType: 'user', entityId: id, after: created && { email: created.email, name: created.name, roles: created.roles, cohortId: created.cohortId } });
		redirect(303, `/admin/users/${id}?created=1`);
	}
};
