// Notification kinds, their labels, and the e-mail retry schedule. Pure: the server stores and sends.
import { m } from '../../paraglide/messages';

export const NOTIFICATION_KINDS = [
	'assignment-new',
	'assignment-due',
	'assignment-overdue',
	'certificate-expiring-30',
	'certificate-expiring-7',
	'call-comment',
	'retraining',
	'certificate-lapsed'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Getters over messages/*.json: reading one gives the current interface language. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
	get 'assignment-new'() {
		return m.notification_kind_assignment_new();
	},
	get 'assignment-due'() {
		return m.notification_kind_assignment_due();
	},
	get 'assignment-overdue'() {
		return m.notification_kind_assignment_overdue();
	},
	get 'certificate-expiring-30'() {
		return m.notification_kind_certificate_expiring_30();
	},
	get 'certificate-expiring-7'() {
		return m.notification_kind_certificate_expiring_7();
	},
	get 'call-comment'() {
		return m.notification_kind_call_comment();
	},
	get retraining() {
		return m.notification_kind_retraining();
	},
	get 'certificate-lapsed'() {
		return m.notification_kind_certificate_lapsed();
	}
};

/** Days before the due date the "due soon" reminder goes out, and before expiry the certificate reminders. */
export const DUE_SOON_DAYS = 2;
export const EXPIRY_REMINDER_DAYS = [30, 7] as const;

export const EMAIL_STATES = ['pending', 'sending', 'sent'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** Wait before retry number `attempts` (1 = after the first failure): 30 s doubling, at most an hour, never given up. */
export function retryDelayMs(attempts: number): number {
	return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** An e-mail is "delayed" for the user once a send has failed or it has waited longer than this. */
export const EMAIL_DELAYED_AFTER_MS = 5 * 60_000;
