// The notification job's own process, for real: job.ts forks it (TypeScript under tsx here, the built chunk in a
// running server), it shares this test's SQLite file and talks to a real SMTP sink (smtp-server) started here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { emailOutbox, notifications } from '$lib/server/db/schema/notifications';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { createAssignment } from '$lib/server/assignments/assignments';
import { notify } from './notify';
import type { PassReport } from './job-process';
import { notificationJobEvents, notificationJobPid, startNotificationJob, stopNotificationJob, typescriptExecArgv } from './job';
import { parseMail, smtpSink, type ParsedMail } from '../../../../tests/fixtures/mail';

const mails: { to: string[]; mail: ParsedMail }[] = [];
let sink: SMTPServer;
let sinkPort = 0;

/** A port nothing listens on (yet). */
function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const p = (s.address() as AddressInfo).port;
			s.close(() => resolve(p));
		});
	});
}

/** Resolves with the first mail (from now on) for which `match` holds. */
function mailArrives(match: (m: ParsedMail) => boolean): Promise<ParsedMail> {
	const seen = mails.length;
	return new Promise((resolve) => {
		const check = () => {
			const hit = mails.slice(seen).find((m) => match(m.mail));
			if (hit) return resolve(hit.mail);
			sink.once('mail-received', check);
		};
		check();
	});
}

/** Resolves with the first pass report of the child for which `match` holds. */
function passWhere(match: (r: PassReport) => boolean): Promise<PassReport> {
	return new Promise((resolve) => {
		const on = (r: PassReport) => {
			if (!match(r)) return;
			notificationJobEvents.off('pass', on);
			resolve(r);
		};
		notificationJobEvents.on('pass', on);
	});
}

/** Alive and not a zombie (a process whose parent died may wait for a reaper). */
function running(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return process.platform !== 'linux';
	}
}

beforeAll(async () => {
	sink = smtpSink((to, raw) => {
		mails.push({ to, mail: parseMail(raw) });
		sink.emit('mail-received');
	});
	await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
	sinkPort = (sink.server.address() as AddressInfo).port;
	process.env.ORIGIN = 'http://callcraft.test';
	process.env.NOTIFY_INTERVAL_MS = '200';
});

afterEach(async () => {
	await stopNotificationJob();
});

afterAll(async () => {
	await new Promise<void>((resolve) => sink.close(() => resolve()));
	delete process.env.SMTP_URL;
	delete process.env.NOTIFY_NICE;
	delete process.env.NOTIFY_INTERVAL_MS;
});

const DAY = 86_400_000;
importContentCourses(undefined, new Date(Date.now() - 10 * DAY));
const pw = 'x-password-1';
const tess = await createUser({ email: 'tess@job.test', name: 'Tess Trainer', password: pw, roles: ['trainer'] });
const cohort = createCohort('Job team', tess);
const ann = await createUser({ email: 'ann@job.test', name: 'Ann Job', password: pw, roles: ['trainee'], cohortId: cohort });

function outboxRow(dedupeKey: string) {
	return db
		.select({ id: emailOutbox.id, state: emailOutbox.state, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, next: emailOutbox.nextAttemptAt })
		.from(emailOutbox)
		.innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
		.where(eq(notifications.dedupeKey, dedupeKey))
		.get();
}

describe('the notification job process', () => {
	it('runs at the lower priority, makes due reminders and sends queued e-mail, and stops when asked', async () => {
		process.env.SMTP_URL = `smtp://127.0.0.1:${sinkPort}`;
		process.env.NOTIFY_NICE = '15';
		const parentNice = getPriority();
		const reminder = mailArrives((m) => m.subject.startsWith('CallCraft: Due ') && m.subject.endsWith(': Working in the CRM'));
		const comment = mailArrives((m) => m.subject === 'CallCraft: New comment on your call');
		createAssignment({ cohortId: cohort, kind: 'course', refSlug: 'working-in-the-crm', dueAt: new Date(Date.now() + DAY), traineeIds: [], createdBy: tess }, new Date(Date.now() - 5 * DAY));
		notify([{ userId: ann, kind: 'call-comment', title: 'New comment on your call', body: 'Nice greeting.', href: '/calls', dedupeKey: 'comment:job-1' }]);

		let sent = 0;
		const marked = passWhere((r) => (sent += r.sent) >= 2);
		const ready = new Promise<{ nice: number }>((resolve) => notificationJobEvents.once('ready', resolve));
		await startNotificationJob();
		const pid = notificationJobPid()!;
		expect(pid).toBeGreaterThan(0);
		expect(pid).not.toBe(process.pid);
		expect((await ready).nice).toBe(15);
		expect(getPriority(pid)).toBe(15);
		// Every thread of it (Linux niceness is per thread).
		if (process.platform === 'linux') {
			const threads = readdirSync(`/proc/${pid}/task`);
			expect(threads.length).toBeGreaterThan(1);
			expect(threads.map((tid) => getPriority(Number(tid)))).toEqual(threads.map(() => 15));
		}
		expect(getPriority()).toBe(parentNice); // the web process keeps its own priority

		const [due, note] = await Promise.all([reminder, comment]);
		expect(due.text).toContain('This assignment is due in 2 days.');
		expect(due.text).toContain('Open it in CallCraft: http://callcraft.test/courses/working-in-the-crm');
		expect(note.text).toContain('Nice greeting.');
		expect(mails.filter((m) => m.to.includes('ann@job.test'))).toHaveLength(2);
		// The child wrote the marks in the shared database.
		await marked;
		expect(outboxRow('comment:job-1')).toMatchObject({ state: 'sent', attempts: 1 });

		const exited = new Promise((resolve) => notificationJobEvents.once('exit', (code, signal) => resolve({ code, signal })));
		await stopNotificationJob();
		expect(await exited).toEqual({ code: 0, signal: null });
		expect(notificationJobPid()).toBeUndefined();
		expect(running(pid)).toBe(false);
		// Nothing was sent twice by later passes.
		expect(mails.filter((m) => m.to.includes('ann@job.test'))).toHaveLength(2);
	});

	it('keeps e-mail queued and retried while SMTP is unreachable, without crashing, then delivers it', async () => {
		const port = await freePort();
		process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
		let exits = 0;
		const onExit = () => exits++;
		notificationJobEvents.on('exit', onExit);
		notify([{ userId: ann, kind: 'retraining', title: 'Retraining required', dedupeKey: 'retraining:job-1' }]);

		const failed = passWhere((r) => r.failed > 0);
		await startNotificationJob();
		const pid = notificationJobPid();
		await failed;
		const row = outboxRow('retraining:job-1')!;
		expect(row).toMatchObject({ state: 'pending', attempts: 1 });
		expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
		expect(row.next.getTime() - Date.now()).toBeGreaterThan(20_000); // back-off, not a busy retry loop
		// Later passes leave it alone until its back-off has passed; the process stays up.
		await passWhere((r) => r.failed === 0 && r.sent === 0);
		expect(outboxRow('retraining:job-1')).toMatchObject({ state: 'pending', attempts: 1 });

		// The SMTP server comes up on that port and the back-off has passed: it is delivered.
		const retry = smtpSink((to, raw) => {
			mails.push({ to, mail: parseMail(raw) });
			sink.emit('mail-received');
		});
		await new Promise<void>((resolve) => retry.listen(port, '127.0.0.1', resolve));
		try {
			const delivered = mailArrives((m) => m.subject === 'CallCraft: Retraining required');
			db.update(emailOutbox).set({ nextAttemptAt: new Date() }).where(eq(emailOutbox.id, row.id)).run();
			await delivered;
			await passWhere(() => outboxRow('retraining:job-1')?.state === 'sent');
			expect(outboxRow('retraining:job-1')).toMatchObject({ state: 'sent', attempts: 2 });
		} finally {
			await new Promise<void>((resolve) => retry.close(() => resolve()));
		}
		expect(notificationJobPid()).toBe(pid);
		expect(exits).toBe(0);
		notificationJobEvents.off('exit', onExit);
	});

	it('ends with the web process, even when that one is killed', async () => {
		process.env.SMTP_URL = `smtp://127.0.0.1:${sinkPort}`;
		const jobModule = new URL('./job.ts', import.meta.url).href;
		const web = spawn(
			process.execPath,
			[
				...typescriptExecArgv(),
				'--input-type=module',
				'-e',
				`const m = await import(${JSON.stringify(jobModule)}); await m.startNotificationJob(); console.log('job ' + m.notificationJobPid()); setInterval(() => {}, 1000);`
			],
			{ stdio: ['ignore', 'pipe', 'inherit'], env: process.env }
		);
		const childPid = await new Promise<number>((resolve, reject) => {
			let out = '';
			web.stdout.on('data', (d: Buffer) => {
				out += d.toString();
				const m = /job (\d+)/.exec(out);
				if (m) resolve(Number(m[1]));
			});
			web.once('exit', (code) => reject(new Error(`the web process ended first (${code})`)));
		});
		expect(running(childPid)).toBe(true);
		web.kill('SIGKILL');
		// The child learns of it from its IPC channel closing; no event reaches this process, so look until it is gone.
		const deadline = Date.now() + 30_000;
		while (running(childPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		expect(running(childPid)).toBe(false);
	});
});
