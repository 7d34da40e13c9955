// The e-mail outbox sender. Each pass claims a batch in one UPDATE (state 'sending', this process's id, a lease),
// sends it, and marks each row sent or pending again with a back-off. Several app processes may run it on one
// database: a claimed row belongs to one of them; a row whose lease ran out (process stopped mid-send) is claimed
// again, so nothing is lost. Delivery is at-least-once: a crash after the SMTP server accepted a message and before
// the row was marked sent sends it again with the same Message-ID, which mail systems use to drop duplicates.
import { randomUUID } from 'node:crypto';
import { sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { retryDelayMs, EMAIL_DELAYED_AFTER_MS } from '$lib/domain/notifications/notifications';
import { mailSettings, transporter, type MailSettings, type SendOutcome } from './mailer';

const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;
/** How long a claim holds; a send that takes longer is assumed dead and its row is claimed again. */
export const CLAIM_LEASE_MS = 120_000;

interface Claimed {
	id: number;
	toAddress: string;
	subject: string;
	text: string;
	attempts: number;
	createdAt: number;
}

const claim = lazy(() =>
	sqlite.prepare<[{ me: string; now: number; until: number; limit: number }], Claimed>(
		`update email_outbox set state = 'sending', claimed_by = @me, claimed_until = @until
		  where id in (select id from email_outbox
		                where (state = 'pending' and next_attempt_at <= @now) or (state = 'sending' and claimed_until < @now)
		                order by next_attempt_at limit @limit)
		  returning id, to_address as toAddress, subject, text, attempts, created_at as createdAt`
	)
);
const markSent = lazy(() =>
	sqlite.prepare<[{ id: number; me: string; now: number }]>(
		`update email_outbox set state = 'sent', sent_at = @now, attempts = attempts + 1, claimed_by = null, claimed_until = null, last_error = null
		  where id = @id and claimed_by = @me`
	)
);
const markFailed = lazy(() =>
	sqlite.prepare<[{ id: number; me: string; next: number; error: string }]>(
		`update email_outbox set state = 'pending', attempts = attempts + 1, next_attempt_at = @next, last_error = @error,
		        claimed_by = null, claimed_until = null
		  where id = @id and claimed_by = @me`
	)
);

let halted = false;
/**
 * The process is shutting down (the database closes next): no more claims or updates. Messages in flight keep their
 * claim until the lease runs out, then a live process sends them again (same Message-ID).
 */
export function haltOutbox(): void {
	halted = true;
}

export interface DrainResult {
	sent: number;
	failed: number;
}

/**
 * At most this many e-mails a second (NOTIFY_SEND_RATE, default 250; 0 = as fast as the relay takes them). Paced
 * sending spreads the job's CPU, its SMTP traffic and its database writes evenly over the run instead of a burst,
 * and still sends 10,000 reminders within a minute (40 s at 250/s); docs/assignments-and-notifications.md#benchmark.
 */
export function notifySendRate(): number {
	const raw = process.env.NOTIFY_SEND_RATE?.trim();
	const n = raw ? Number(raw) : 250;
	// Below 1 a second a single message could wait longer than a claim's lease (and be sent twice): not allowed.
	return Number.isFinite(n) && (n === 0 || n >= 1) ? n : 250;
}

/**
 * How many rows one claim takes: the batch asked for, but no more than the pacer lets go in half a lease, so a claimed
 * batch is always sent before its lease runs out (a row whose lease ran out is claimed again by another process).
 */
export function claimBatchSize(batch: number, rate: number): number {
	return rate > 0 ? Math.max(1, Math.min(batch, Math.floor((rate * CLAIM_LEASE_MS) / 2 / 1000))) : batch;
}

/**
 * A token bucket: `take()` resolves when the next message may go, at `rate` a second on average. Messages go in
 * small groups (1/50 s worth) so the process wakes 50 times a second, not once per message; after a pause (a batch
 * being marked, the next claimed) at most 1/5 s worth goes at once.
 */
export function pacer(rate: number): { take(): Promise<void> } {
	const group = Math.max(1, Math.ceil(rate / 50));
	const burst = Math.max(group, Math.ceil(rate / 5));
	let tokens = group;
	let last = performance.now();
	return {
		async take() {
			const now = performance.now();
			tokens = Math.min(burst, tokens + ((now - last) * rate) / 1000);
			last = now;
			if (tokens < 1) {
				const wait = ((group - tokens) * 1000) / rate;
				await new Promise((r) => setTimeout(r, wait));
				const later = performance.now();
				tokens = Math.min(burst, tokens + ((later - last) * rate) / 1000);
				last = later;
			}
			tokens -= 1;
		}
	};
}

/** Claims and sends due e-mails until none is due (or `maxBatches` batches); returns what happened. */
export async function drainOutbox(
	opts: { batch?: number; maxBatches?: number; now?: () => Date; settings?: MailSettings | null; rate?: number } = {}
): Promise<DrainResult> {
	const settings = opts.settings === undefined ? mailSettings() : opts.settings;
	const result: DrainResult = { sent: 0, failed: 0 };
	if (!settings) return result;
	const mailer = transporter(settings);
	const clock = opts.now ?? (() => new Date());
	const rate = opts.rate ?? notifySendRate();
	const batch = claimBatchSize(opts.batch ?? 200, rate);
	const pace = rate > 0 ? pacer(rate) : null;
	for (let i = 0; i < (opts.maxBatches ?? Infinity) && !halted; i++) {
		const now = clock().getTime();
		const rows = claim().all({ me: WORKER_ID, now, until: now + CLAIM_LEASE_MS, limit: batch });
		if (!rows.length) break;
		let outcomes: SendOutcome[];
		try {
			outcomes = await mailer.send(
				rows.map((r) => ({ from: settings.from, to: r.toAddress, subject: r.subject, text: r.text, messageId: `<outbox-${r.id}-${r.createdAt}@callcraft>` })),
				pace ? () => pace.take() : undefined
			);
		} catch (err) {
			// The sender itself stopped: every row of the batch failed (retried after the back-off).
			outcomes = rows.map(() => (err instanceof Error ? err.message : String(err)));
		}
		if (halted) break;
		const done = clock().getTime();
		sqlite.transaction(() => {
			outcomes.forEach((o, k) => {
				const r = rows[k];
				if (o === null) {
					markSent().run({ id: r.id, me: WORKER_ID, now: done });
					result.sent++;
				} else {
					markFailed().run({ id: r.id, me: WORKER_ID, next: done + retryDelayMs(r.attempts + 1), error: o.slice(0, 500) });
					result.failed++;
				}
			});
		})();
		// A failing server fails the whole batch: wait for the back-off instead of claiming the next batch now.
		if (outcomes.every((o) => o !== null)) break;
		await new Promise((r) => setImmediate(r));
	}
	return result;
}

const delayedFor = lazy(() =>
	sqlite.prepare<[{ userId: number; before: number }], { n: number }>(
		`select count(*) as n from email_outbox o join notifications n on n.id = o.notification_id
		  where n.user_id = @userId and o.state <> 'sent' and (o.attempts > 0 or o.created_at < @before)`
	)
);

/** How many of this user's e-mails are late (a send failed, or they waited over 5 minutes). */
export function delayedEmails(userId: number, now = new Date()): number {
	return delayedFor().get({ userId, before: now.getTime() - EMAIL_DELAYED_AFTER_MS })?.n ?? 0;
}
