// The notification job's own process (started by job.ts with a lower OS priority). This module is its entry: job.ts
// forks it (its URL is exported below, so job.ts finds it in the server build, where chunk names are hashed), and it
// runs passes only when it is that child. A pass makes the due reminders, then drains the e-mail outbox; passes repeat
// every NOTIFY_INTERVAL_MS. The process has its own SQLite connection (WAL: pages keep reading while it writes).
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { sqlite } from '$lib/server/db';
import { runReminderScan } from './reminders';
import { drainOutbox, haltOutbox, type DrainResult } from './outbox';
import { closeTransport } from './mailer';

export const JOB_MODULE_URL = import.meta.url;
/** Set in the child's environment by job.ts. */
export const CHILD_FLAG = 'CALLCRAFT_NOTIFY_CHILD';

/** What the child reports to its parent after each pass. */
export interface PassReport {
	type: 'pass';
	created: number;
	sent: number;
	failed: number;
	error?: string;
}
/** Sent once loaded, at the lower priority, before the first pass. */
export type JobReport = PassReport | { type: 'ready'; nice: number };

/** One pass: due reminders, then every due e-mail. */
export async function runNotificationPass(now = new Date()): Promise<{ created: number } & DrainResult> {
	const created = await runReminderScan(now);
	return { created, ...(await drainOutbox()) };
}

/**
 * Every thread of this process to `nice` (Linux niceness is per thread; threads started later inherit the main
 * thread's). Done once the modules are loaded, so a busy box does not delay the job's start-up as well.
 */
function lowerPriority(nice: number) {
	let threads = [0];
	try {
		threads = readdirSync('/proc/self/task').map(Number);
	} catch {
		/* not Linux: the process's priority is enough */
	}
	for (const tid of threads) {
		try {
			setPriority(tid, nice);
		} catch {
			/* a thread that ended meanwhile */
		}
	}
}

function serve() {
	const every = Number(process.env.NOTIFY_INTERVAL_MS);
	lowerPriority(Number(process.env.NOTIFY_NICE));
	let stopping = false;
	let wake: NodeJS.Timeout | null = null;
	// Stop at once: claims of a batch in flight run out after their lease and are sent again (same Message-ID).
	const stop = () => {
		if (stopping) return;
		stopping = true;
		haltOutbox();
		if (wake) clearTimeout(wake);
		closeTransport();
		try {
			sqlite.close();
		} finally {
			process.exit(0);
		}
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.on('disconnect', stop); // the web process is gone (even if it was killed): so is its job
	if (!process.connected) return stop(); // it went while this process was still loading
	const pass = async () => {
		wake = null;
		let report: PassReport;
		try {
			report = { type: 'pass', ...(await runNotificationPass()) };
		} catch (err) {
			console.error('notification job failed', err);
			report = { type: 'pass', created: 0, sent: 0, failed: 0, error: err instanceof Error ? err.message : String(err) };
		}
		if (stopping) return;
		// The parent may be gone (killed) before its channel's 'disconnect' arrives: a failed send stops this process
		// quietly instead of an unhandled EPIPE.
		process.send?.(report, (err: Error | null) => err && stop());
		wake = setTimeout(pass, every);
	};
	process.send?.({ type: 'ready', nice: getPriority() } satisfies JobReport, (err: Error | null) => err && stop());
	void pass();
}

if (process.env[CHILD_FLAG] === '1' && process.send) serve();
