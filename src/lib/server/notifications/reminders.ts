// The reminder scan: assignments due in 2 days or overdue (for trainees not done yet), certificates expiring in
// 30 or 7 days, and certificates lapsed because a retraining update is overdue. Safe to run often and from several processes: each reminder has a dedupe key, so it is made once.
import { and, gt, lte } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { assignments } from '$lib/server/db/schema/assignments';
import { lazy } from '$lib/server/db/lazy';
import { DUE_SOON_DAYS, type NotificationKind } from '$lib/domain/notifications/notifications';
import { isDone, isoDay } from '$lib/domain/assignments/assignments';
import { assignableItems, evidenceFor, taskHref, targetsOfAssignment } from '$lib/server/assignments/assignments';
import { inRecipientLanguage, notifyInChunks, type NewNotification } from './notify';
import { formatDigits, formatInteger } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { overdueUpdateClause } from '$lib/server/retraining/progress';

const DAY = 86_400_000;
/** Overdue reminders only for work due in the last 30 days (older work has been reminded already). */
const OVERDUE_WINDOW = 30 * DAY;

const alreadyNotified = lazy(() =>
	sqlite.prepare<[{ key: string }], { userId: number }>(`select user_id as userId from notifications where dedupe_key = @key`)
);
const expiringCertificates = lazy(() =>
	sqlite.prepare<[{ now: number; until: number }], { id: number; userId: number; programmeTitle: string; expiresAt: number }>(
		`select c.id, c.user_id as userId, c.programme_title as programmeTitle, c.expires_at as expiresAt from certificates c
		  where c.revoked_at is null and c.expires_at > @now and c.expires_at <= @until
		    and not exists (select 1 from certificates later where later.user_id = c.user_id and later.programme_id = c.programme_id and later.cycle > c.cycle)`
	)
);
/** Lapses not notified yet: one per certificate and overdue update (a later lapse by another change is new). */
const lapsedCertificates = lazy(() =>
	sqlite.prepare<[{ now: number }], { id: number; userId: number; programmeTitle: string; noteId: number; dueAt: number }>(
		`select c.id, c.user_id as userId, c.programme_title as programmeTitle, cu.note_id as noteId, cu.due_at as dueAt
		   from certificate_updates cu join retraining_notes n on n.id = cu.note_id join certificates c on c.id = cu.certificate_id
		  where ${overdueUpdateClause('@now')}
		    and c.revoked_at is null and (c.expires_at is null or c.expires_at > @now)
		    and not exists (select 1 from notifications x where x.dedupe_key = 'certificate:' || c.id || ':lapsed:' || cu.note_id)`
	)
);
function assignmentReminders(kind: NotificationKind, from: number, to: number, now: Date, titles: Map<string, string>): NewNotification[] {
	const out: NewNotification[] = [];
	const due = db.select().from(assignments).where(and(gt(assignments.dueAt, new Date(from)), lte(assignments.dueAt, new Date(to)))).all();
	for (const a of due) {
		const key = `assignment:${a.id}:${kind === 'assignment-due' ? 'due' : 'overdue'}`;
		const seen = new Set(alreadyNotified().all({ key }).map((r) => r.userId));
		const who = targetsOfAssignment(a).filter((u) => !seen.has(u));
		if (!who.length) continue;
		const evidence = evidenceFor(a, who, now);
		const title = titles.get(`${a.kind}:${a.refSlug}`) ?? a.refSlug;
		for (const userId of who) {
			const ev = evidence.get(userId) ?? { goodCalls: 0, started: false, complete: false };
			if (isDone(a, ev)) continue;
			out.push(
				inRecipientLanguage(userId, () => {
					const date = formatDigits(isoDay(a.dueAt));
					return {
						userId,
						kind,
						title: kind === 'assignment-due' ? m.notif_due_title({ date, title }) : m.notif_overdue_title({ date, title }),
						body: kind === 'assignment-due' ? m.notif_due_body({ days: formatInteger(DUE_SOON_DAYS) }) : m.notif_overdue_body(),
						href: taskHref(a),
						dedupeKey: key
					};
				})
			);
		}
	}
	return out;
}

/** Makes every reminder that is due now; returns how many notifications were new. */
export function runReminderScan(now = new Date()): Promise<number> {
	const t = now.getTime();
	const titles = new Map(assignableItems().map((i) => [`${i.kind}:${i.slug}`, i.title]));
	const items = [
		...assignmentReminders('assignment-due', t, t + DUE_SOON_DAYS * DAY, now, titles),
		...assignmentReminders('assignment-overdue', t - OVERDUE_WINDOW, t, now, titles)
	];
	for (const c of expiringCertificates().all({ now: t, until: t + 30 * DAY })) {
		const days = c.expiresAt - t <= 7 * DAY ? 7 : 30;
		items.push(
			inRecipientLanguage(c.userId, () => ({
				userId: c.userId,
				kind: days === 7 ? ('certificate-expiring-7' as const) : ('certificate-expiring-30' as const),
				title: m.notif_cert_expiring_title({ title: c.programmeTitle, date: formatDigits(isoDay(new Date(c.expiresAt))) }),
				body: m.notif_cert_expiring_body({ days: formatInteger(days) }),
				href: '/#cert-list',
				dedupeKey: `certificate:${c.id}:${days}`
			}))
		);
	}
	for (const c of lapsedCertificates().all({ now: t })) {
		items.push(
			inRecipientLanguage(c.userId, () => ({
				userId: c.userId,
				kind: 'certificate-lapsed' as const,
				title: m.notif_cert_lapsed_title({ title: c.programmeTitle, date: formatDigits(isoDay(new Date(c.dueAt))) }),
				body: m.notif_cert_lapsed_body(),
				href: `/retraining/${c.noteId}`,
				dedupeKey: `certificate:${c.id}:lapsed:${c.noteId}`
			}))
		);
	}
	return notifyInChunks(items, now);
}
