import { m } from '$lib/paraglide/messages';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { emailKindsSchema, notificationIdSchema } from '$lib/schemas/notifications';
import { NOTIFICATION_KINDS } from '$lib/domain/notifications/notifications';
import { emailOptOutsOf, listNotifications, markAllRead, markRead, setEmailKinds } from '$lib/server/notifications/inbox';
import { mailSettings } from '$lib/server/notifications/mailer';
import { delayedEmails } from '$lib/server/notifications/outbox';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		notifications: listNotifications(user.id),
		emailOff: emailOptOutsOf(user.id),
		emailEnabled: mailSettings() !== null,
		delayed: delayedEmails(user.id)
	};
};

export const actions: Actions = {
	open: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, notificationIdSchema);
		if (!parsed.ok) return parsed.failure;
		const row = markRead(user.id, parsed.data.id);
		if (!row) return fail(404, { errors: { _form: m.notifications_not_yours() }, values: {} });
		redirect(303, row.href && row.href.startsWith('/') && !row.href.startsWith('//') ? row.href : '/notifications');
	},
	readAll: async (event) => {
		const user = requireUser(event);
		markAllRead(user.id);
		return { saved: m.notifications_all_read() };
	},
	email: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, emailKindsSchema);
		if (!parsed.ok) return parsed.failure;
		const on = new Set(parsed.data.email);
		setEmailKinds(user.id, NOTIFICATION_KINDS.filter((k) => !on.has(k)));
		return { saved: m.notifications_email_saved() };
	}
};
