// Notifications against a real SMTP server (smtp-server as a local sink started here): reminders made once, e-mails
// delivered once even with two senders, opt-outs respected, and an unreachable server leaves mail queued and retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { emailOutbox, notifications } from '$lib/server/db/schema/notifications';
import { certificates } from '$lib/server/db/schema/certification';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { seedDemoProgrammes } from '$lib/server/certification/seed';
import { getProgramme } from '$lib/server/certification/programmes';
import { newCertificateCode } from '$lib/server/certification/codes';
import { createAssignment } from '$lib/server/assignments/assignments';
import { runReminderScan } from './reminders';
import { CLAIM_LEASE_MS, claimBatchSize, delayedEmails, drainOutbox, notifySendRate } from './outbox';
import { listNotifications, setEmailKinds, unreadCount } from './inbox';
import { closeTransport, type MailSettings } from './mailer';
import { notify } from './notify';
import { parseMail, smtpSink } from '../../../../tests/fixtures/mail';

interface Received {
	to: string[];
	raw: string;
	/** performance.now() when the message arrived. */
	at: number;
}
const received: Received[] = [];
let sink: SMTPServer;
let port = 0;

const subjectOf = (raw: string) => parseMail(raw).subject;
const messageIdOf = (raw: string) => parseMail(raw).messageId;

beforeAll(async () => {
	sink = smtpSink((to, raw) => received.push({ to, raw, at: performance.now() }));
	await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
	port = (sink.server.address() as AddressInfo).port;
	process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
	process.env.ORIGIN = 'http://callcraft.test';
});

afterAll(async () => {
	closeTransport();
	await new Promise<void>((resolve) => sink.close(() => resolve()));
	delete process.env.SMTP_URL;
});

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;

importContentCourses(undefined, new Date(NOW.getTime() - 10 * DAY));
importContentScenarios(undefined, new Date(NOW.getTime() - 10 * DAY));
seedDemoProgrammes(NOW);
const pw = 'x-password-1';
const tess = await createUser({ email: 'tess@example.test', name: 'Tess Trainer', password: pw, roles: ['trainer'] });
const cohort = createCohort('Blue team', tess);
const ann = await createUser({ email: 'ann@example.test', name: 'Ann Blue', password: pw, roles: ['trainee'], cohortId: cohort });
const ben = await createUser({ email: 'ben@example.test', name: 'Ben Blue', password: pw, roles: ['trainee'], cohortId: cohort });

function outboxOf(userId: number) {
	return db
		.select({ state: emailOutbox.state, attempts: emailOutbox.attempts, subject: emailOutbox.subject, next: emailOutbox.nextAttemptAt })
		.from(emailOutbox)
		.innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
		.where(eq(notifications.userId, userId))
		.all();
}

describe('reminders and e-mail', () => {
	it('makes due-soon, overdue and certificate-expiry reminders once, and sends each e-mail once', async () => {
		setEmailKinds(ben, ['assignment-due']); // Ben wants this kind in the app only
		createAssignment({ cohortId: cohort, kind: 'course', refSlug: 'working-in-the-crm', dueAt: new Date(NOW.getTime() + DAY), traineeIds: [], createdBy: tess }, new Date(NOW.getTime() - 5 * DAY));
		createAssignment({ cohortId: cohort, kind: 'scenario', refSlug: 'sales-enquiry', callCount: 1, minScore: 0, dueAt: new Date(NOW.getTime() - DAY), traineeIds: [ann], createdBy: tess }, new Date(NOW.getTime() - 5 * DAY));
		createAssignment({ cohortId: cohort, kind: 'course', refSlug: 'telephone-etiquette', dueAt: new Date(NOW.getTime() + 10 * DAY), traineeIds: [], createdBy: tess }, NOW);
		const level1 = getProgramme('crm-call-handling-level-1')!;
		db.insert(certificates)
			.values({ code: newCertificateCode(), userId: ann, programmeId: level1.id, cycle: 1, programmeVersion: 1, holderName: 'Ann Blue', programmeTitle: level1.title, issuedAt: new Date(NOW.getTime() - 340 * DAY), expiresAt: new Date(NOW.getTime() + 20 * DAY) })
			.run();

		// Ann: due soon + overdue + certificate (30 days); Ben: due soon (in-app only).
		expect(await runReminderScan(NOW)).toBe(4);
		expect(await runReminderScan(NOW)).toBe(0);
		expect(listNotifications(ann).map((n) => n.kind).sort()).toEqual(['assignment-due', 'assignment-overdue', 'certificate-expiring-30']);
		expect(listNotifications(ben).map((n) => n.kind)).toEqual(['assignment-due']);
		expect(unreadCount(ann)).toBe(3);
		expect(outboxOf(ben)).toEqual([]);

		// Two senders at once (as two app processes would): every message arrives once.
		const [a, b] = await Promise.all([drainOutbox({ batch: 1 }), drainOutbox({ batch: 1 })]);
		expect(a.sent + b.sent).toBe(3);
		expect(received).toHaveLength(3);
		expect(new Set(received.map((r) => messageIdOf(r.raw))).size).toBe(3);
		expect(received.every((r) => r.to.length === 1 && r.to[0] === 'ann@example.test')).toBe(true);
		const subjects = received.map((r) => subjectOf(r.raw)).sort();
		expect(subjects[0]).toMatch(/^CallCraft: Due \d{4}-\d{2}-\d{2}: Working in the CRM$/);
		expect(subjects.some((s) => s.startsWith('CallCraft: Overdue since'))).toBe(true);
		expect(subjects).toContain('CallCraft: Your certificate “CRM Call Handling — Level 1” expires on 2026-06-30');
		const due = parseMail(received.find((r) => subjectOf(r.raw).includes('Due'))!.raw);
		expect(due.text).toContain('This assignment is due in 2 days.');
		expect(due.text).toContain('Open it in CallCraft: http://callcraft.test/courses/working-in-the-crm');
		expect(due.text).toContain('switch these e-mails off at http://callcraft.test/notifications');
		expect(outboxOf(ann).every((o) => o.state === 'sent' && o.attempts === 1)).toBe(true);
		expect(await drainOutbox()).toEqual({ sent: 0, failed: 0 });
		expect(received).toHaveLength(3);

		// Seven days before expiry the second certificate reminder comes.
		expect(await runReminderScan(new Date(NOW.getTime() + 14 * DAY))).toBeGreaterThanOrEqual(1);
		expect(listNotifications(ann).some((n) => n.kind === 'certificate-expiring-7')).toBe(true);
		await drainOutbox();
	});

	it('keeps e-mail queued while the SMTP server is unreachable, retries with back-off, then delivers', async () => {
		const closed = await new Promise<number>((resolve) => {
			const s = createServer();
			s.listen(0, '127.0.0.1', () => {
				const p = (s.address() as AddressInfo).port;
				s.close(() => resolve(p));
			});
		});
		const before = received.length;
		const down: MailSettings = { url: `smtp://127.0.0.1:${closed}`, from: 'CallCraft <no-reply@callcraft.invalid>', origin: 'http://callcraft.test' };
		const t0 = new Date(NOW.getTime() + 20 * DAY);
		notify([{ userId: ann, kind: 'call-comment', title: 'New comment on your call', body: 'Nice greeting.', href: '/calls', dedupeKey: 'comment:test-1' }], t0);

		const first = await drainOutbox({ settings: down, now: () => t0 });
		expect(first).toEqual({ sent: 0, failed: 1 });
		const [row] = outboxOf(ann).filter((o) => o.state !== 'sent');
		expect(row).toMatchObject({ state: 'pending', attempts: 1 });
		expect(row.next.getTime() - t0.getTime()).toBeGreaterThanOrEqual(30_000);
		expect(delayedEmails(ann, t0)).toBe(1);
		// Not due again before its back-off, even with the server back.
		expect(await drainOutbox({ now: () => new Date(t0.getTime() + 10_000) })).toEqual({ sent: 0, failed: 0 });
		// Second failure doubles the wait.
		await drainOutbox({ settings: down, now: () => new Date(t0.getTime() + 31_000) });
		const [again] = outboxOf(ann).filter((o) => o.state !== 'sent');
		expect(again.attempts).toBe(2);
		expect(again.next.getTime() - (t0.getTime() + 31_000)).toBeGreaterThanOrEqual(60_000);

		expect(await drainOutbox({ now: () => new Date(t0.getTime() + 120_000) })).toEqual({ sent: 1, failed: 0 });
		expect(received.length - before).toBe(1);
		expect(subjectOf(received.at(-1)!.raw)).toBe('CallCraft: New comment on your call');
		expect(delayedEmails(ann, new Date(t0.getTime() + 120_000))).toBe(0);
	});

	it('claims again a row whose sender stopped mid-send (lease ran out), so it is not lost', async () => {
		const t0 = new Date(NOW.getTime() + 21 * DAY);
		notify([{ userId: ann, kind: 'retraining', title: 'Retraining required', dedupeKey: 'retraining:test-1' }], t0);
		// A process claimed it and died before sending.
		db.update(emailOutbox).set({ state: 'sending', claimedBy: 'dead-process', claimedUntil: new Date(t0.getTime() + 60_000) }).where(eq(emailOutbox.state, 'pending')).run();
		expect(await drainOutbox({ now: () => t0 })).toEqual({ sent: 0, failed: 0 });
		const before = received.length;
		expect(await drainOutbox({ now: () => new Date(t0.getTime() + 61_000) })).toEqual({ sent: 1, failed: 0 });
		expect(received.length - before).toBe(1);
	});

	it('paces sending: never more than the rate allows since the start', async () => {
		const t0 = new Date(NOW.getTime() + 22 * DAY);
		notify(
			Array.from({ length: 30 }, (_, i) => ({ userId: ann, kind: 'call-comment' as const, title: `Comment ${i + 1}`, dedupeKey: `comment:pace-${i + 1}` })),
			t0
		);
		const before = received.length;
		const started = performance.now();
		// 50 a second: by time t at most 1 + 50·t messages have gone, so the k-th (from 0) leaves no earlier than 20·k ms.
		expect(await drainOutbox({ now: () => t0, rate: 50 })).toEqual({ sent: 30, failed: 0 });
		const arrived = received
			.slice(before)
			.map((r) => r.at - started)
			.sort((a, b) => a - b);
		expect(arrived).toHaveLength(30);
		arrived.forEach((ms, k) => expect(ms).toBeGreaterThanOrEqual(20 * k - 1));
		expect(new Set(received.slice(before).map((r) => subjectOf(r.raw))).size).toBe(30);
	});

	it('reads the send rate from NOTIFY_SEND_RATE (default 250 a second, 0 = unpaced)', () => {
		const saved = process.env.NOTIFY_SEND_RATE;
		try {
			delete process.env.NOTIFY_SEND_RATE;
			expect(notifySendRate()).toBe(250);
			process.env.NOTIFY_SEND_RATE = '0';
			expect(notifySendRate()).toBe(0);
			process.env.NOTIFY_SEND_RATE = '400';
			expect(notifySendRate()).toBe(400);
			process.env.NOTIFY_SEND_RATE = 'fast';
			expect(notifySendRate()).toBe(250);
			process.env.NOTIFY_SEND_RATE = '-5';
			expect(notifySendRate()).toBe(250);
			process.env.NOTIFY_SEND_RATE = '0.5'; // one message could outwait its claim's lease
			expect(notifySendRate()).toBe(250);
		} finally {
			if (saved === undefined) delete process.env.NOTIFY_SEND_RATE;
			else process.env.NOTIFY_SEND_RATE = saved;
		}
	});

	it('claims no more rows than the pacer sends in half a lease (a claim never runs out while its batch waits)', () => {
		expect(claimBatchSize(200, 250)).toBe(200);
		expect(claimBatchSize(200, 0)).toBe(200);
		const slow = claimBatchSize(200, 1);
		expect(slow).toBeLessThan(200);
		expect((slow / 1) * 1000).toBeLessThanOrEqual(CLAIM_LEASE_MS / 2);
		expect(claimBatchSize(200, 1)).toBeGreaterThanOrEqual(1);
	});
});
