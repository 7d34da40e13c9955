// The scheduled notification job inside the app: every NOTIFY_INTERVAL_MS (default 60 s) it makes due reminders and
// sends queued e-mails. Every app process may run it: reminders are made once (dedupe keys) and e-mails are claimed
// row by row (outbox.ts). One pass at a time per process; the timer does not keep the process alive.
import { runReminderScan } from './reminders';
import { drainOutbox, haltOutbox } from './outbox';
import { closeTransport } from './mailer';

let timer: NodeJS.Timeout | null = null;
let running: Promise<void> | null = null;

export async function runNotificationPass(now = new Date()): Promise<void> {
	await runReminderScan(now);
	await drainOutbox();
}

function tick() {
	if (running) return;
	running = runNotificationPass()
		.catch((err) => console.error('notification job failed', err))
		.finally(() => (running = null));
}

export function startNotificationJob(): void {
	if (timer) return;
	const every = Number(process.env.NOTIFY_INTERVAL_MS ?? 60_000);
	if (!Number.isFinite(every) || every <= 0) return; // NOTIFY_INTERVAL_MS=0 switches the job off
	timer = setInterval(tick, every);
	timer.unref();
	setTimeout(tick, Math.min(every, 2_000)).unref();
}

export async function stopNotificationJob(): Promise<void> {
	if (timer) clearInterval(timer);
	timer = null;
	await running;
	closeTransport();
}

/** Synchronous stop for process shutdown, before the database closes. */
export function haltNotificationJob(): void {
	if (timer) clearInterval(timer);
	timer = null;
	haltOutbox();
	closeTransport(); // the sending worker thread must not keep a stopping process alive
}
