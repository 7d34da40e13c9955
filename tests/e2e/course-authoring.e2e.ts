// A trainer creates a course, edits a lesson with live preview and inline errors, publishes,
// reorders lessons, compares versions and restores an old version; trainees see only published text.
import { expect, test } from '@playwright/test';
import { confirmPlaceholderPublish, loginAs } from './fixtures';

const SLUG = 'e2e-hold-basics';

test('a trainer edits, previews, publishes and restores a lesson', async ({ page }) => {
	await loginAs(page, 'priya', '/trainer/courses');

	// A slug with capitals and spaces is refused under the field, in a sentence, with the title kept.
	await page.getByLabel('Title').fill('Hold basics (e2e)');
	await page.getByLabel('Slug').fill('Hold Basics');
	await page.getByRole('button', { name: 'Create course' }).click();
	await expect(page.getByLabel('Slug')).toHaveAccessibleDescription(/Use lowercase words joined by hyphens, e\.g\. handling-complaints\./);
	await expect(page.getByLabel('Title')).toHaveValue('Hold basics (e2e)');

	// Create a course: it starts as a draft with one starter lesson.
	await page.getByLabel('Slug').fill(SLUG);
	await page.getByRole('button', { name: 'Create course' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${SLUG}`);
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText('Version 1 is live.')).toBeVisible();

	// Edit the lesson: the preview follows the typing, an error shows inline with its line, autosave keeps it.
	await page.getByRole('link', { name: 'Introduction' }).click();
	await expect(page.getByRole('heading', { name: 'Edit lesson' })).toBeVisible();
	const body = page.getByLabel('Lesson text (Markdown)');
	await body.fill('## Why hold matters\n\nAsk before you put a caller on hold.\n\n```quiz\nquestions:\n  - id: hold-ask\n    type: single\n    prompt: What do you do before holding?\n    options: [Ask, Just press hold]\n    explanation: Asking keeps the caller in control.\n```\n');
	const preview = page.getByRole('region', { name: /Preview/ });
	await expect(preview.getByRole('heading', { name: 'Why hold matters' })).toBeVisible();
	await expect(page.getByText(/Line 11: quiz questions\.0\.answer: is required: the question has no correct answer/)).toBeVisible();
	await expect(page.getByText(/Draft saved/)).toBeVisible();

	await body.fill('## Why hold matters\n\nAsk before you put a caller on hold.\n\n```quiz\nquestions:\n  - id: hold-ask\n    type: single\n    prompt: What do you do before holding?\n    options: [Ask, Just press hold]\n    answer: 0\n    explanation: Asking keeps the caller in control.\n```\n');
	await expect(page.getByText(/problem.* to fix before publishing/)).toHaveCount(0);
	await expect(preview.getByText('✓ Ask')).toBeVisible();
	await expect(page.getByText(/Draft saved/)).toBeVisible();

	// Trainees still see version 1 until the draft is published.
	await page.goto(`/courses/${SLUG}/introduction`);
	await expect(page.getByText('Write the lesson here.')).toBeVisible();

	await page.goto(`/trainer/courses/${SLUG}`);
	await page.getByRole('button', { name: 'Publish version 2' }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText('Version 2 is live.')).toBeVisible();
	await page.goto(`/courses/${SLUG}/introduction`);
	await expect(page.getByText('Ask before you put a caller on hold.')).toBeVisible();
	await expect(page.locator('#quiz-0')).toBeVisible();

	// Add and reorder lessons in a new draft.
	await page.goto(`/trainer/courses/${SLUG}`);
	await page.getByLabel('Title').fill('Transfers');
	await page.getByLabel('Slug').fill('transfers');
	await page.getByRole('button', { name: 'Add lesson' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${SLUG}/edit/transfers`);
	await page.goto(`/trainer/courses/${SLUG}`);
	await page.getByRole('button', { name: 'Move “Transfers” up' }).click();
	await expect(page.locator('ol.lessons li').first()).toContainText('01-transfers.md');

	// History: compare version 2 with version 1, then restore version 1 and publish it.
	await page.getByRole('link', { name: 'Version history' }).click();
	await page.getByRole('link', { name: 'Version 2', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Changes from version 1 to 2' })).toBeVisible();
	await expect(page.locator('.line.added', { hasText: 'Ask before you put a caller on hold.' })).toBeVisible();
	await expect(page.locator('.line.removed', { hasText: 'Write the lesson here.' })).toBeVisible();
	// The first version: each file added whole, its lines shown one by one.
	await page.getByRole('link', { name: 'Version 1', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Version 1 (first version)' })).toBeVisible();
	const firstLesson = page.getByRole('group', { name: 'Line changes in 01-introduction.md' });
	await expect(firstLesson.locator('div', { hasText: 'Write the lesson here.' })).toBeVisible();
	await expect(firstLesson.locator('div').first()).toHaveText('---');
	await page.getByRole('button', { name: 'Restore version 1' }).click();
	await expect(page).toHaveURL(new RegExp(`/trainer/courses/${SLUG}`));
	await expect(page.getByText('Restored from version 1')).toBeVisible();
	await page.getByRole('button', { name: /Publish version \d+/ }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText(/Version \d+ is live\./)).toBeVisible();

	await page.goto(`/courses/${SLUG}/introduction`);
	await expect(page.getByText('Write the lesson here.')).toBeVisible();
	await expect(page.getByText('Ask before you put a caller on hold.')).toHaveCount(0);

	// Restore just the lesson file from version 2, then publish: the edited lesson is back.
	await page.goto(`/trainer/courses/${SLUG}/history?v=2`);
	await page.getByRole('button', { name: 'Restore 01-introduction.md from version 2 into the draft' }).click();
	await expect(page.getByText('01-introduction.md from version 2 is now in the draft.')).toBeVisible();
	await page.goto(`/trainer/courses/${SLUG}`);
	await page.getByRole('button', { name: /Publish version \d+/ }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText(/Version \d+ is live\./)).toBeVisible();
	await page.goto(`/courses/${SLUG}/introduction`);
	await expect(page.getByText('Ask before you put a caller on hold.')).toBeVisible();
});

test('the history of a course shows ten differing files a page, with a pager to the rest', async ({ page }) => {
	// The shipped CRM course's first version adds every file: course.md and course.bn.md, six lessons in two languages.
	await loginAs(page, 'admin', '/trainer/courses/working-in-the-crm/history?v=1');
	await expect(page.getByRole('heading', { name: 'Version 1 (first version)' })).toBeVisible();
	const range = page.getByText(/^Files 1–10 of (\d+) that differ$/);
	await expect(range).toBeVisible();
	const total = Number(/of (\d+)/.exec((await range.textContent())!)![1]);
	expect(total).toBeGreaterThan(10);
	await expect(page.locator('main details summary')).toHaveCount(10);
	await expect(page.locator('main details summary').first()).toContainText('course.md');
	const files = page.getByRole('navigation', { name: 'Pages of changed files' });
	await files.getByRole('link', { name: 'Next' }).click();
	await expect(page).toHaveURL(/[?&]files=2/);
	await expect(page.getByText(`Files 11–${Math.min(20, total)} of ${total} that differ`)).toBeVisible();
	await expect(page.locator('main details summary')).toHaveCount(Math.min(10, total - 10));
	// The second page's files open and are restorable like the first's; back to the first with the pager.
	await page.locator('main details summary').first().click();
	await expect(page.getByRole('button', { name: /^Restore .+ from version 1 into the draft$/ }).first()).toBeVisible();
	await files.getByRole('link', { name: 'Previous' }).click();
	await expect(page.getByText(/^Files 1–10 of \d+ that differ$/)).toBeVisible();
});

test('a trainer cannot open the editor of a course they were not granted', async ({ page }) => {
	await loginAs(page, 'tom', '/trainer/courses');
	await expect(page.getByRole('heading', { name: 'Other courses' })).toBeVisible();
	const res = await page.goto('/trainer/courses/working-in-the-crm');
	expect(res?.status()).toBe(403);
	const preview = await page.request.post('/trainer/courses/working-in-the-crm/draft', {
		data: { file: 'course', fields: {}, body: '', save: true }
	});
	expect(preview.status()).toBe(403);
});

test('a trainer exports a course and gets clear refusals for bad imports', async ({ page }) => {
	await loginAs(page, 'priya', '/trainer/courses/telephone-etiquette');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Export zip' }).click();
	expect((await download).suggestedFilename()).toBe('02-telephone-etiquette.zip');

	await page.goto('/trainer/courses');
	await page.getByLabel('Course zip').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByRole('alert')).toContainText('This is not a readable zip file.');

	await page.getByLabel('Course zip').setInputFiles({ name: 'huge.zip', mimeType: 'application/zip', buffer: Buffer.alloc(5 * 1024 * 1024 + 10) });
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByRole('alert')).toContainText('the limit is 5 MB');
});

test('an admin grants a trainer editing rights on a course, then takes them back', async ({ page, browser }) => {
	await loginAs(page, 'admin', '/trainer/courses/working-in-the-crm');
	const grants = page.getByRole('region', { name: 'Editing rights' });
	await grants.getByLabel('Trainer').selectOption({ label: 'Tom Okafor (tom@callcraft.demo)' });
	await grants.getByRole('button', { name: 'Grant editing' }).click();
	await expect(page.getByText('Editing rights granted.')).toBeVisible();
	await expect(grants.getByText('Tom Okafor')).toBeVisible();

	const tomContext = await browser.newContext();
	const tom = await tomContext.newPage();
	await loginAs(tom, 'tom', '/trainer/courses/working-in-the-crm');
	await expect(tom.getByRole('heading', { level: 1, name: 'Working in the CRM' })).toBeVisible();

	await grants.getByRole('button', { name: 'Remove editing rights of Tom Okafor' }).click();
	await expect(page.getByText('Editing rights removed.')).toBeVisible();
	const res = await tom.goto('/trainer/courses/working-in-the-crm');
	expect(res?.status()).toBe(403);
	await tomContext.close();
});

test('text typed while the server is unreachable is kept in the browser and can be restored', async ({ page, context }) => {
	await loginAs(page, 'priya', '/trainer/courses/telephone-etiquette/edit/hold-and-transfer');
	const body = page.getByLabel('Lesson text (Markdown)');
	await expect(body).toBeVisible();
	await context.setOffline(true);
	await body.fill('## Offline notes\n\nTyped on a train with no signal.\n');
	await expect(page.getByText('Not saved')).toBeVisible();
	await expect(page.getByText('Could not reach the server.')).toBeVisible();
	await context.setOffline(false);

	const again = await context.newPage();
	await again.goto('/trainer/courses/telephone-etiquette/edit/hold-and-transfer');
	await again.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await again.getByRole('button', { name: 'Restore that text' }).click();
	await expect(again.getByLabel('Lesson text (Markdown)')).toHaveValue('## Offline notes\n\nTyped on a train with no signal.\n');
	await expect(again.getByText(/Draft saved/)).toBeVisible();
	await again.close();
});

test('leaving the editor right after typing saves first; a trainer removes a lesson and discards a draft', async ({ page }) => {
	const slug = 'e2e-leave-early';
	await loginAs(page, 'priya', '/trainer/courses');
	await page.getByLabel('Title').fill('Leave early (e2e)');
	await page.getByLabel('Slug').fill(slug);
	await page.getByRole('button', { name: 'Create course' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${slug}`);
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText('Version 1 is live.')).toBeVisible();
	await expect(page.getByText('01-introduction.md · 12 words')).toBeVisible();

	// Back to the course before autosave had its turn: the course page already counts the typed words.
	await page.getByRole('link', { name: 'Introduction' }).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Lesson text (Markdown)').fill('## Short\n\nOne two three four five.\n');
	await page.getByRole('link', { name: 'Back to the course' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${slug}`);
	await expect(page.getByText('01-introduction.md · 7 words')).toBeVisible();

	// A slug already in use is refused under the Slug field, with the typed title kept.
	await page.getByLabel('Title').fill('Wrap-up');
	await page.getByLabel('Slug').fill('introduction');
	await page.getByRole('button', { name: 'Add lesson' }).click();
	await expect(page.getByLabel('Slug')).toHaveAccessibleDescription(/This course already has a lesson "introduction"\./);
	await expect(page.getByLabel('Title')).toHaveValue('Wrap-up');

	// A second lesson, removed again after confirming.
	await page.getByLabel('Slug').fill('wrap-up');
	await page.getByRole('button', { name: 'Add lesson' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${slug}/edit/wrap-up`);
	// Its title blanked: the course page still links the lesson, by file name, so it can be fixed.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Title').fill('');
	await page.getByRole('link', { name: 'Back to the course' }).click();
	await expect(page.getByRole('link', { name: '02-wrap-up.md' })).toBeVisible();
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Remove “02-wrap-up.md”' }).click();
	await expect(page.getByText('Lesson removed from the draft.')).toBeVisible();
	await expect(page.locator('ol.lessons li')).toHaveCount(1);

	// Discarding the draft brings back the published text.
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Discard draft' }).click();
	await expect(page.getByText('Draft discarded.')).toBeVisible();
	await expect(page.getByText('01-introduction.md · 12 words')).toBeVisible();
	await expect(page.getByRole('button', { name: /Publish version/ })).toHaveCount(0);
});
