// Creating notifications: in-app rows (one per user and subject, a repeat is a no-op) and, when SMTP is configured and
// the user has not switched the kind off, an e-mail in the outbox — both in one transaction, so neither is lost.
import { sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import type { NotificationKind } from '$lib/domain/notifications/notifications';
import { mailSettings } from './mailer';
import { inLocale } from '$lib/server/in-locale';
import { m } from '$lib/paraglide/messages';

export interface NewNotification {
	userId: number;
	kind: NotificationKind;
	title: string;
	body?: string;
	/** Path in the app the notification opens. */
	href?: string | null;
	/** What it is about; the same user and key make it once only (e.g. `assignment:12:due`). */
	dedupeKey: string;
}

const insertNotification = lazy(() =>
	sqlite.prepare<[{ userId: number; kind: string; title: string; body: string; href: string | null; key: string; now: number }], { id: number }>(
		`insert into notifications (user_id, kind, title, body, href, dedupe_key, created_at)
		 values (@userId, @kind, @title, @body, @href, @key, @now)
		 on conflict (dedupe_key, user_id) do nothing returning id`
	)
);
const recipient = lazy(() =>
	sqlite.prepare<[{ userId: number; kind: string }], { email: string; locale: string | null }>(
		`select email, locale from users u where u.id = @userId and u.active = 1
		   and not exists (select 1 from email_opt_outs o where o.user_id = u.id and o.kind = @kind)`
	)
);
const insertEmail = lazy(() =>
	sqlite.prepare<[{ id: number; to: string; subject: string; text: string; now: number }]>(
		`insert into email_outbox (notification_id, to_address, subject, text, state, attempts, next_attempt_at, created_at)
		 values (@id, @to, @subject, @text, 'pending', 0, @now, @now)`
	)
);

const userLocale = lazy(() => sqlite.prepare<[{ userId: number }], { locale: string | null }>(`select locale from users where id = @userId`));

/**
 * `build()` in the language of the user a notification is for (their account setting, else English), whoever's
 * request or job makes it: the in-app text and its e-mail are written once, in the recipient's words.
 */
export function inRecipientLanguage<T>(userId: number, build: () => T): T {
	return inLocale(userLocale().get({ userId })?.locale, build);
}

/** The e-mail text of a notification, in the language `m` speaks where it is called (see `inRecipientLanguage`). */
export function emailText(n: Pick<NewNotification, 'title' | 'body' | 'href'>, origin: string): string {
	return [n.title, '', n.body ?? '', n.href ? `\n${m.email_open_in_app({ url: `${origin}${n.href}` })}` : '', '', '—', m.email_switch_off({ url: `${origin}/notifications` })]
		.filter((line, i, all) => !(line === '' && all[i - 1] === ''))
		.join('\n');
}

/** Stores the notifications (and their e-mails); returns how many were new. */
export function notify(items: NewNotification[], now = new Date()): number {
	if (!items.length) return 0;
	const mail = mailSettings();
	const run = sqlite.transaction(() => {
		let created = 0;
		for (const n of items) {
			const row = insertNotification().get({ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? '', href: n.href ?? null, key: n.dedupeKey, now: now.getTime() });
			if (!row) continue;
			created++;
			if (!mail) continue;
			const to = recipient().get({ userId: n.userId, kind: n.kind });
			if (!to) continue;
			const { subject, text } = inLocale(to.locale, () => ({ subject: m.email_subject({ title: n.title }), text: emailText(n, mail.origin) }));
			insertEmail().run({ id: row.id, to: to.email, subject, text, now: now.getTime() });
		}
		return created;
	});
	return run();
}

/** Large sets (the reminder job): chunks of `size` in their own transactions, the event loop free between them. */
export async function notifyInChunks(items: NewNotification[], now = new Date(), size = 250): Promise<number> {
	let created = 0;
	for (let i = 0; i < items.length; i += size) {
		created += notify(items.slice(i, i + size), now);
		if (i + size < items.length) await new Promise((r) => setImmediate(r));
	}
	return created;
}
