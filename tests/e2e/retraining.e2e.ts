// Retraining after a significant republish, end to end with accounts and content of its own: a trainer's new course,
// a programme requiring it, a trainee who earns its certificate; then the course changes significantly and the
// trainee sees the notification, the "what changed" note and the assignment, the certificate shows "update due",
// and reading the changed lesson again finishes the retraining.
import { expect, test } from '@playwright/test';
import { confirmPlaceholderPublish, createAccount, gotoReady, loginAs, signInFirstTime } from './fixtures';

const RUN = Date.now().toString(36);
const SLUG = `e2e-retrain-${RUN}`;
const TITLE = `Retraining check ${RUN}`;
const PROGRAMME = `Retraining programme ${RUN}`;
const FIRST = 'Retrain-first-2026';
const PASSWORD = 'Retrain-e2e-2026!';
const shots = 'test-results/retraining';

test('a significant republish asks certificate holders to retrain; the certificate shows update due until they have', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
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

	// The note says what changed and what to do; reading the lesson again completes it.
	await trainee.goto('/');
	await todo.getByRole('link', { name: `Read the changed lessons of “${TITLE}” again` }).click();
	await expect(trainee).toHaveURL(/\/retraining\/\d+$/);
	await expect(trainee.getByRole('heading', { level: 1 })).toHaveText(`What changed: ${TITLE}`);
	await expect(trainee.getByRole('region', { name: 'What changed' })).toContainText('Changed Introduction');
	await expect(trainee.getByTestId('retraining-status')).toContainText('Retraining required by');
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

	// Another trainee was not asked: the note is not theirs to read.
	const other = await (await browser.newContext()).newPage();
	await loginAs(other, 'fay', noteUrl.replace(/^https?:\/\/[^/]+/, ''));
	await expect(other.getByText('This change note is for the certificate holders it asks to retrain.')).toBeVisible();
});
