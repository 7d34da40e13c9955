// Forms of the notifications page: open one notification, and the kinds to receive by e-mail.
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { integerText } from './number';
import { NOTIFICATION_KINDS } from '../domain/notifications/notifications';

export const notificationIdSchema = z.object({
	id: integerText(() => m.notifications_from_list()).pipe(z.number().int().positive({ error: () => m.notifications_from_list() }))
});

export const emailKindsSchema = z.object({
	email: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.enum(NOTIFICATION_KINDS, { error: () => m.notifications_kinds_from_list() })))
});
