// E-mail notifications end to end: a server of its own (SMTP_URL set, the job every 0.5 s) and a real SMTP sink
// (smtp-server) started here. A certificate about to expire makes a reminder: while the SMTP server is down the
// trainee sees it in the app with "e-mail is delayed"; once the sink is up the retried e-mail arrives, once.
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { account, startBuiltServer, stopServer } from './fixtures';
import { parseMail, smtpSink, type ParsedMail } from '../fixtures/mail';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 5;
const SMTP_PORT = Number(process.env.E2E_PORT ?? 4173) + 6;
const ORIGIN = `http://localhost:${PORT}`;

test('an expiring certificate is reminded in the app and by e-mail, retried while SMTP is down', async ({ page }) => {
	test.setTimeout(180_000);
	const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-notify-')), 'notify.db');
	const server = await startBuiltServer(PORT, dbPath, { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, NOTIFY_INTERVAL_MS: '500' });
	const mails: { to: string[]; mail: ParsedMail }[] = [];
	const sink = smtpSink((to, raw) => mails.push({ to, mail: parseMail(raw) }));
	try {
		const eli = account('eli');
		// A certificate of eli's that expires in 20 days, written into this server's database.
		const db = new Database(dbPath);
		db.pragma('busy_timeout = 5000');
		const user = db.prepare('select id, name from users where email = ?').get(eli.email) as { id: number; name: string };
		const programme = db.prepare('select id, title, version from cert_programmes where slug = ?').get('crm-call-handling-level-1') as { id: number; title: string; version: number };
		const now = Date.now();
		const expires = now + 20 * 86_400_000;
		db.prepare(
			'insert into certificates (code, user_id, programme_id, cycle, programme_version, holder_name, programme_title, issued_at, expires_at) values (?, ?, ?, 1, ?, ?, ?, ?, ?)'
		).run('NOTIFYTESTCODE234567ABCDEFGHIJKL', user.id, programme.id, programme.version, user.name, programme.title, now - 345 * 86_400_000, expires);
		db.close();
		const day = new Date(expires).toISOString().slice(0, 10);

		// Signed in on that server: the reminder is listed, the header counts it, and the failed send shows as delayed.
		await page.goto(`${ORIGIN}/login`);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await page.getByLabel('E-mail').fill(eli.email);
		await page.getByLabel('Password').fill(eli.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).not.toHaveURL(/\/login/);
		await expect(async () => {
			await page.goto(`${ORIGIN}/notifications`);
			await expect(page.getByTestId('email-delayed')).toBeVisible({ timeout: 1000 });
		}).toPass({ timeout: 30_000 });
		await expect(page.getByTestId('notification-list')).toContainText(`Your certificate “${programme.title}” expires on ${day}`);
		await expect(page.getByTestId('unread-count')).toHaveText('1');
		await page.screenshot({ path: 'test-results/notifications/delayed-1280.png', fullPage: true });
		expect(mails).toHaveLength(0);

		// The SMTP server comes up: the retry (30 s back-off) delivers the e-mail once.
		await new Promise<void>((resolve) => sink.listen(SMTP_PORT, '127.0.0.1', resolve));
		await expect.poll(() => mails.length, { timeout: 90_000, intervals: [500] }).toBe(1);
		expect(mails[0].to).toEqual([eli.email]);
		expect(mails[0].mail.subject).toBe(`CallCraft: Your certificate “${programme.title}” expires on ${day}`);
		expect(mails[0].mail.text).toContain(`Open it in CallCraft: ${ORIGIN}/#cert-list`);
		await page.reload();
		await expect(page.getByTestId('email-delayed')).toHaveCount(0);

		// Opening it marks it read and goes to the certificates.
		await page.getByRole('button', { name: /expires on/ }).click();
		await expect(page).toHaveURL(`${ORIGIN}/#cert-list`);
		await expect(page.getByTestId('unread-count')).toHaveCount(0);
		// No second e-mail from later passes of the job.
		await page.waitForTimeout(1500);
		expect(mails).toHaveLength(1);
	} finally {
		await stopServer(server.child);
		await new Promise<void>((resolve) => sink.close(() => resolve()));
	}
});
