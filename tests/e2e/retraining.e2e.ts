// Retraining after a significant republish, end to end with accounts and content of its own: a trainer's new course,
// a programme requiring it, a trainee who earns its certificate; then the course changes significantly and the
// trainee sees the notification, the "what changed" note and the assignment, the certificate shows "update due";
// once the due date has passed (moved into the past in this server's database) the certificate is lapsed everywhere
// (home, public verify page, admin list and CSV, trainer matrix, a "certificate lapsed" notification), and reading
// the changed lesson again finishes the retraining and puts the certificate back in force.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { databasePath } from '../../playwright.config';
import { confirmPlaceholderPublish, createAccount, gotoReady, loginAs, signInFirstTime } from './fixtures';

const RUN = Date.now().toString(36);
const SLUG = `e2e-retrain-${RUN}`;
const TITLE = `Retraining check ${RUN}`;
const PROGRAMME = `Retraining programme ${RUN}`;
const FIRST = 'Retrain-first-2026';
const PASSWORD = 'Retrain-e2e-2026!';
const shots = 'test-results/retraining';

async function shoot(page: Page, name: string) {
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('a significant republish asks certificate holders to retrain; the certificate shows update due, lapses when overdue, and is in force again once they have', async ({ browser, baseURL }) => {
	// The lapse notification comes from the app's reminder job, which runs once a minute on the shared e2e server.
	test.setTimeout(300_000);
	const trainer = await (await browser.newContext()).newPage();
	const admin = await (await browser.newContext()).newPage();
	const trainee = await (await browser.newContext()).newPage();

	// The trainer's course, published (starter text confirmed).
	await loginAs(trainer, 'tom', '/trainer/courses');
	await trainer.getByLabel('Title').fill(TITLE);
	await trainer.getByLabel('Slug').fill(SLUG);
	await trainer.getByRole('button', { name: 'Create course' }).click();
	await expect(trainer).toHaveURL(`/trainer/courses/${SLUG}`);
	// A first publish has nothing to compare with: no minor/significant choice.
	await expect(trainer.getByText('What kind of change is this?')).toHaveCount(0);
	await trainer.getByRole('button', { name: 'Publish version 1' }).click();
	await confirmPlaceholderPublish(trainer);
	await expect(trainer.getByText('Version 1 is live.')).toBeVisible();

	// A programme that requires it, retraining within 14 days.
	await loginAs(admin, 'admin', '/admin/programmes/new');
	await admin.getByLabel('Title').fill(PROGRAMME);
	await admin.getByLabel('Slug').fill(`e2e-retrain-programme-${RUN}`);
	await admin.getByLabel(TITLE, { exact: true }).check();
	await admin.getByLabel('Days to retrain after a significant change').fill('14');
	await admin.getByLabel('the call requirements').uncheck(); // it requires no calls
	await admin.getByRole('button', { name: 'Create programme' }).click();
	await expect(admin).toHaveURL(/\/admin\/programmes\/e2e-retrain-programme-/);
	await expect(admin.getByLabel('Days to retrain after a significant change')).toHaveValue('14');

	// A trainee of the trainer's cohort reads the one lesson: course passed, certificate issued.
	const email = `retrain-${RUN}@example.test`;
	await createAccount(baseURL!, { email, name: `Rita Retrain ${RUN}`, password: FIRST, cohort: 'South team' });
	await signInFirstTime(trainee, email, FIRST, PASSWORD);
	await gotoReady(trainee, `/courses/${SLUG}/introduction`);
	await trainee.getByRole('button', { name: /Mark as read and finish|Back to the course/ }).click();
	await expect(trainee).toHaveURL(`/courses/${SLUG}`);
	await trainee.goto('/');
	const certs = trainee.getByRole('region', { name: 'Your certificates' });
	await expect(certs).toContainText(PROGRAMME);
	await expect(certs.getByTestId('update-due')).toHaveCount(0);

	// The trainer changes the lesson and publishes it as a significant change.
	await gotoReady(trainer, `/trainer/courses/${SLUG}/edit/introduction`);
	await trainer.getByLabel('Lesson text (Markdown)').fill('## New greeting\n\nGreet the caller with the new company name, then your own name.\n');
	await expect(trainer.getByText(/Draft saved/)).toBeVisible();
	await gotoReady(trainer, `/trainer/courses/${SLUG}`);
	await expect(trainer.getByText(`asks 1 certificate holder(s) of ${PROGRAMME} to retrain`)).toBeVisible();
	await trainer.getByLabel('Significant change: certificate holders must retrain').check();
	await trainer.screenshot({ path: `${shots}/publish-choice-1280.png`, fullPage: true });
	await trainer.getByRole('button', { name: 'Publish version 2' }).click();
	await confirmPlaceholderPublish(trainer); // the summary is still starter text; the choice travels with "anyway"
	const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
	await expect(trainer.getByRole('status')).toContainText(`Version 2 is live. 1 trainee(s) were asked to retrain by ${due}.`);

	// The trainee: a notification, a retraining task first in To do, and "update due" on the certificate.
	await trainee.goto('/');
	const todo = trainee.getByTestId('todo-list');
	await expect(todo).toContainText(`Read the changed lessons of “${TITLE}” again`);
	await expect(todo).toContainText('Retraining');
	await expect(certs.getByTestId('update-due')).toContainText('Update due');
	await trainee.setViewportSize({ width: 1280, height: 900 });
	await trainee.screenshot({ path: `${shots}/home-update-due-1280.png`, fullPage: true });
	await trainee.goto('/notifications');
	await expect(trainee.getByTestId('notification-list')).toContainText(`Retraining required: ${TITLE}`);

	// The due date passes: moved to yesterday in this server's database (what a clock two weeks on would see).
	const db = new Database(databasePath);
	db.pragma('busy_timeout = 5000');
	const holder = db.prepare('select id from users where email = ?').get(email) as { id: number };
	const yesterday = Date.now() - 86_400_000;
	expect(db.prepare('update certificate_updates set due_at = ? where user_id = ? and done_at is null').run(yesterday, holder.id).changes).toBe(1);
	db.prepare('update assignments set due_at = ? where id = (select assignment_id from certificate_updates where user_id = ?)').run(yesterday, holder.id);
	db.close();

	// Lapsed on the trainee's home: the alert, the badge, the certification progress card.
	await trainee.goto('/');
	await expect(trainee.getByTestId('lapsed-alert')).toContainText(`Your certificate “${PROGRAMME}” is not in force: retraining update overdue since`);
	await expect(certs.locator('[data-status="lapsed"]')).toHaveText('Lapsed');
	await expect(certs.getByTestId('update-due')).toContainText('Update overdue since');
	await expect(trainee.locator(`article:has-text("${PROGRAMME}")`).getByTestId('lapsed-reason')).toContainText('Not in force: retraining update overdue since');
	await shoot(trainee, 'home-lapsed');

	// The public verify page says it is not in force, and why.
	await certs.getByRole('link', { name: 'Public verify page' }).click();
	await expect(trainee).toHaveURL(/\/verify\//);
	const verifyUrl = trainee.url();
	await expect(trainee.getByRole('status')).toContainText('This certificate is not in force: retraining update overdue since');
	await shoot(trainee, 'verify-lapsed');

	// The admin's list: the "Lapsed" filter finds it, and the CSV says so with the due date.
	await admin.goto(`/admin/certificates?status=lapsed&q=${encodeURIComponent(email)}`);
	await expect(admin.getByRole('row', { name: new RegExp(`Rita Retrain ${RUN}`) })).toContainText('Lapsed');
	await expect(admin.getByLabel('Status')).toHaveValue('lapsed');
	await shoot(admin, 'admin-certificates-lapsed');
	await admin.goto(`/admin/certificates?status=valid&q=${encodeURIComponent(email)}`);
	await expect(admin.getByRole('row', { name: new RegExp(`Rita Retrain ${RUN}`) })).toHaveCount(0);
	const csv = await (await admin.request.get('/admin/certificates/export')).text();
	expect(csv.split('\r\n')[0]).toContain('Retraining update due');
	expect(csv.split('\r\n').find((l) => l.includes(email))).toMatch(/,Lapsed,.*\d{4}-\d{2}-\d{2}T/);

	// The trainer's home: the cohort matrix lists the lapsed holder.
	await trainer.goto('/');
	await expect(trainer.getByTestId('lapsed-holders')).toContainText(`Rita Retrain ${RUN}`);
	await shoot(trainer, 'trainer-matrix-lapsed');

	// The reminder job sends "certificate lapsed" (once; its dedupe key is per certificate and change).
	await expect(async () => {
		await trainee.goto('/notifications');
		await expect(trainee.getByTestId('notification-list')).toContainText(`Your certificate “${PROGRAMME}” has lapsed`, { timeout: 1_000 });
	}).toPass({ timeout: 90_000, intervals: [2_000] });
	await expect(trainee.getByTestId('notification-list').getByText(`Your certificate “${PROGRAMME}” has lapsed`)).toHaveCount(1);

	// The note says what changed and what to do; reading the lesson again completes it.
	await trainee.goto('/');
	await todo.getByRole('link', { name: `Read the changed lessons of “${TITLE}” again` }).click();
	await expect(trainee).toHaveURL(/\/retraining\/\d+$/);
	await expect(trainee.getByRole('heading', { level: 1 })).toHaveText(`What changed: ${TITLE}`);
	await expect(trainee.getByRole('region', { name: 'What changed' })).toContainText('Changed Introduction');
	await expect(trainee.getByTestId('retraining-status')).toContainText('please do it now'); // overdue: the due date was moved back
	await trainee.screenshot({ path: `${shots}/note-1280.png`, fullPage: true });
	await trainee.setViewportSize({ width: 375, height: 800 });
	await trainee.screenshot({ path: `${shots}/note-375.png`, fullPage: true });
	await trainee.setViewportSize({ width: 1280, height: 900 });
	const noteUrl = trainee.url();
	await trainee.getByRole('region', { name: 'What to do' }).getByRole('link', { name: 'Introduction' }).click();
	await expect(trainee.getByText('Greet the caller with the new company name')).toBeVisible();
	await trainee.getByRole('button', { name: /Back to the course/ }).click();
	await trainee.goto(noteUrl);
	await expect(trainee.getByTestId('retraining-status')).toContainText('Retraining done');
	await trainee.goto('/');
	await expect(certs).toContainText(PROGRAMME);
	await expect(certs.getByTestId('update-due')).toHaveCount(0);
	// In force again, with no manual step: valid on the home page and the public verify page.
	await expect(trainee.getByTestId('lapsed-alert')).toHaveCount(0);
	await expect(certs.locator('[data-status]')).toHaveText('Valid');
	await trainee.goto(verifyUrl);
	await expect(trainee.getByRole('status')).toContainText('This certificate is valid.');

	// Another trainee was not asked: the note is not theirs to read.
	const other = await (await browser.newContext()).newPage();
	await loginAs(other, 'fay', noteUrl.replace(/^https?:\/\/[^/]+/, ''));
	await expect(other.getByText('This change note is for the certificate holders it asks to retrain.')).toBeVisible();
});
