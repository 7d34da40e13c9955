// Certification journey: a trainee with finished work gets a certificate, the public verify page and
// PDF work signed out, an admin revokes it and exports the CSV. Plus parallel issuance over HTTP,
// the programme editor refusing impossible rules, and the audit log.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { account, createAccount, gotoReady, loginAs, loginRequest } from './fixtures';
import { extractPdfText } from '../fixtures/pdf-text';
import { seriousViolations } from './axe';
import { CERT_DEMO_TRAINEES } from '../../src/lib/server/certification/demo-trainees';
import { loadCoursesFromDir } from '../../src/lib/server/content/courses';

const etiquette = loadCoursesFromDir('content/courses', 'content/courses').find((c) => c.slug === 'telephone-etiquette')!;
const lastLessonPath = `/courses/telephone-etiquette/${etiquette.lessons.at(-1)!.slug}`;

const shots = 'test-results/certification';
const level1 = 'CRM Call Handling — Level 1';

/** Forgets the session — after any navigation in flight has finished, since each response renews the cookie. */
async function signOut(page: Page) {
	await page.waitForLoadState('networkidle');
	await page.context().clearCookies();
}

test.describe.configure({ mode: 'serial' });

test('trainee earns a certificate; public verify + PDF; admin revokes and exports', async ({ page, baseURL }) => {
	const trainee = account(CERT_DEMO_TRAINEES.ready);

	// Before: the admin sees no certificate for this trainee.
	await loginAs(page, 'admin', '/admin/certificates');
	await page.getByLabel('Holder, e-mail or code').fill(trainee.email);
	await page.getByRole('button', { name: 'Filter' }).click();
	await page.waitForURL(/[?&]q=/);
	await expect(page.getByText('No certificates match')).toBeVisible();
	await signOut(page);

	// The trainee has done everything but one lesson: the dashboard counts 3 of the 4 listed requirements and links to the course.
	await loginAs(page, trainee.key);
	const card = page.locator('article#programme-crm-call-handling-level-1');
	await expect(card.getByText('3 of 4')).toBeVisible();
	await card.getByRole('link', { name: /Telephone etiquette/ }).click();
	await expect(page).toHaveURL('/courses/telephone-etiquette');

	// Reading the last lesson completes the course: the certificate is issued at that moment.
	await page.goto(lastLessonPath);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: /Mark as read and finish/ }).click();
	await page.waitForURL('/courses/telephone-etiquette');
	await page.goto('/');
	await expect(card.getByText('Certified')).toBeVisible();
	await page.screenshot({ path: `${shots}/trainee-dashboard.png`, fullPage: true });
	const verifyHref = await card.getByRole('link', { name: 'Verify page' }).getAttribute('href');
	expect(verifyHref).toMatch(/^\/verify\/[A-Z2-7]{32}$/);
	// The holder reads in Bengali: the certificate PDF is printed in the holder's language.
	await page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	await signOut(page);

	// Signed out: the public verify page shows holder, programme, dates and status only.
	await page.goto(verifyHref!);
	await expect(page.getByRole('heading', { name: level1 })).toBeVisible();
	await expect(page.getByText('This certificate is valid.')).toBeVisible();
	await expect(page.getByText(trainee.name)).toBeVisible();
	await expect(page.locator('main')).not.toContainText(trainee.email);
	await page.screenshot({ path: `${shots}/verify-valid.png`, fullPage: true });

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the certificate/ }).click()]);
	const pdf = new Uint8Array(await readFile((await download.path())!));
	expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
	const { text } = await extractPdfText(pdf);
	expect(text).toContain(trainee.name);
	expect(text).toContain(level1);
	expect(text).toContain(`${baseURL}${verifyHref}`);
	// In Bengali, shaped, and readable by a real PDF reader (poppler's pdftotext follows /ActualText).
	const extracted = execFileSync('pdftotext', ['-enc', 'UTF-8', (await download.path())!, '-'], { encoding: 'utf8' });
	expect(extracted).toContain('কৃতিত্বের সনদপত্র');
	expect(extracted).toContain('এই মর্মে প্রত্যয়ন করা হচ্ছে যে');
	expect(extracted).toMatch(/প্রদানের তারিখ: [০-৯]{1,2} \S+ [০-৯]{4}/);

	// An unknown code is a plain 404.
	const missing = await page.request.get('/verify/' + 'A'.repeat(32));
	expect(missing.status()).toBe(404);

	// The admin revokes it with a reason.
	await loginAs(page, 'admin', '/admin/certificates');
	await page.getByLabel('Holder, e-mail or code').fill(trainee.email);
	await page.getByRole('button', { name: 'Filter' }).click();
	await page.waitForURL(/[?&]q=/);
	await page.getByRole('row', { name: new RegExp(level1) }).getByRole('link', { name: 'Details' }).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	expect(await seriousViolations(page), 'axe on the certificate page').toEqual([]);
	await page.getByRole('button', { name: 'Revoke certificate' }).click(); // empty reason: refused by the browser
	await page.getByLabel('Reason').fill('Bad');
	await page.getByLabel('Reason').evaluate((el: HTMLTextAreaElement) => el.removeAttribute('minlength'));
	await page.getByRole('button', { name: 'Revoke certificate' }).click();
	await expect(page.getByText(/at least 5 characters/)).toBeVisible();
	await expect(page.getByLabel('Reason')).toHaveValue('Bad');
	await page.getByLabel('Reason').fill('Assessment found to be taken by someone else.');
	await page.getByRole('button', { name: 'Revoke certificate' }).click();
	await expect(page.getByText('Certificate revoked.')).toBeVisible();
	expect(await seriousViolations(page), 'axe on the revoked certificate page').toEqual([]);
	await page.screenshot({ path: `${shots}/admin-certificate-revoked.png`, fullPage: true });

	// The list filters by status and programme: the certificate is under Revoked, no longer under Valid.
	await gotoReady(page, `/admin/certificates?q=${encodeURIComponent(trainee.email)}`);
	await page.getByLabel('Programme').selectOption({ label: level1 });
	await page.getByLabel('Status').selectOption({ label: 'Revoked' });
	await page.getByRole('button', { name: 'Filter' }).click();
	await page.waitForURL(/[?&]status=revoked/);
	await expect(page.getByRole('row', { name: new RegExp(level1) })).toContainText('Revoked');
	await page.getByLabel('Status').selectOption({ label: 'Valid' });
	await page.getByRole('button', { name: 'Filter' }).click();
	await page.waitForURL(/[?&]status=valid/);
	await expect(page.getByText('No certificates match')).toBeVisible();

	// CSV export: BOM, header, the revoked row.
	await page.goto('/admin/certificates');
	const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export certifications (CSV)' }).click()]);
	const csv = await readFile((await csvDownload.path())!, 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	expect(csv).toContain('Holder,E-mail,Cohort,Programme');
	const row = csv.split('\r\n').find((l) => l.includes(trainee.email) && l.includes(level1));
	expect(row).toContain('Revoked');
	expect(row).toContain('Assessment found to be taken by someone else.');
	await page.screenshot({ path: `${shots}/admin-certificates.png`, fullPage: true });

	// The verify page, signed out, now says revoked.
	await signOut(page);
	await page.goto(verifyHref!);
	await expect(page.getByText('This certificate has been revoked.')).toBeVisible();
	await page.screenshot({ path: `${shots}/verify-revoked.png`, fullPage: true });

	// The audit log has the issue and the revocation, filterable by action.
	await loginAs(page, 'admin', '/admin/audit?action=certificate.revoke');
	await expect(page.getByRole('cell', { name: 'certificate.revoke' }).first()).toBeVisible();
	await page.screenshot({ path: `${shots}/admin-audit.png`, fullPage: true });
});

test('parallel requests completing the last step issue one certificate only', async ({ playwright, baseURL }) => {
	const trainee = account(CERT_DEMO_TRAINEES.race);
	const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' } });
	await loginRequest(request, trainee.key, baseURL!);
	// 12 simultaneous "mark the last lesson read" posts (each completes the course and runs issuance)
	// and 12 simultaneous dashboard loads (each runs the safety-net issuance).
	const posts = Array.from({ length: 12 }, () =>
		request.post(`${lastLessonPath}?/next`, { form: {}, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 })
	);
	const loads = Array.from({ length: 12 }, () => request.get('/'));
	const responses = await Promise.all([...posts, ...loads]);
	expect(responses.slice(0, 12).map((r) => r.status())).toEqual(Array(12).fill(303));
	expect(responses.slice(12).map((r) => r.status())).toEqual(Array(12).fill(200));
	await request.dispose();

	const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' } });
	await loginRequest(admin, 'admin', baseURL!);
	const csv = await (await admin.get('/admin/certificates/export')).text();
	const rows = csv.split('\r\n').filter((l) => l.includes(trainee.email) && l.includes(level1));
	expect(rows).toHaveLength(1);
	await admin.dispose();
});

test('a trainee part-way sees counters of what is done and what is left, with links', async ({ page }) => {
	await loginAs(page, CERT_DEMO_TRAINEES.partial);
	const card = page.locator('article#programme-crm-call-handling-level-1');
	await expect(card.getByText('In progress')).toBeVisible();
	await expect(card.getByText('1 of 4')).toBeVisible();
	await expect(card.getByRole('listitem').filter({ hasText: 'Working in the CRM' })).toContainText('1 of 1 course');
	await expect(card.getByRole('listitem').filter({ hasText: '3 calls scoring ≥ 75' })).toContainText('2 of 3 calls');
	await expect(page.getByRole('img', { name: /Recent call scores: 2 calls/ })).toBeVisible();
	await expect(card.getByRole('link', { name: /Telephone etiquette/ })).toHaveAttribute('href', '/courses/telephone-etiquette');
	await page.screenshot({ path: `${shots}/trainee-dashboard-partial.png`, fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({ path: `${shots}/trainee-dashboard-375.png`, fullPage: true });
});

test('the programme editor refuses impossible rules and phase cycles, keeps what was typed, and saves a valid edit as a new version', async ({ page }) => {
	await loginAs(page, 'admin', '/admin/programmes/new');
	await page.getByLabel('Title').fill('Impossible programme');
	await page.getByLabel('Slug').fill('impossible');
	await page.getByLabel('Number of calls').first().fill('2');
	await page.getByLabel('Minimum score (0–100)').first().fill('120');
	await page.getByRole('button', { name: 'Create programme' }).click();
	await expect(page.getByRole('alert')).toContainText('120 can never be met: scores go up to 100');
	await expect(page.getByLabel('Title')).toHaveValue('Impossible programme');
	await expect(page.getByLabel('Minimum score (0–100)').first()).toHaveValue('120');
	await page.screenshot({ path: `${shots}/admin-programme-refused.png`, fullPage: true });

	await page.getByRole('link', { name: 'All programmes' }).click();
	await expect(page).toHaveURL('/admin/programmes');
	await expect(page.getByRole('heading', { name: level1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'De-escalation Specialist' })).toBeVisible();
	await page.screenshot({ path: `${shots}/admin-programmes.png`, fullPage: true });
	await page.getByRole('link', { name: 'De-escalation Specialist' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'De-escalation Specialist' })).toBeVisible();
	await expect(page.getByLabel('CRM Call Handling — Level 1')).toBeChecked();
	await page.screenshot({ path: `${shots}/admin-programme-edit.png`, fullPage: true });

	// Phases in a circle are refused: Level 1 may not require De-escalation, which requires Level 1.
	await page.goto('/admin/programmes/crm-call-handling-level-1');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('De-escalation Specialist').check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert')).toContainText('require each other in a circle');

	// A valid edit (longer validity, one more call requirement) is saved as version 2 without revoking anything.
	await page.getByLabel('De-escalation Specialist').uncheck();
	await page.getByLabel('Valid for (months)').fill('24');
	await page.getByRole('button', { name: 'Add another call requirement' }).click();
	await page.getByLabel('Number of calls').nth(3).fill('1');
	await page.getByLabel('Minimum score (0–100)').nth(3).fill('60');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toContainText('Saved. 0 certificates revoked. Trainees are being re-evaluated in the background');
	await expect(page.getByText('Version 2.')).toBeVisible();
	await expect(page.getByLabel('Number of calls')).toHaveCount(4); // 3 saved rows + 1 blank
	await page.goto('/admin/programmes');
	const level1Card = page.locator('article').filter({ has: page.getByRole('heading', { name: level1 }) });
	await expect(level1Card).toContainText('1 call scoring ≥ 60');
	await expect(level1Card).toContainText('Valid for 24 months');
});

test('dashboards and reports render for trainer and admin', async ({ page }) => {
	await loginAs(page, 'priya');
	await expect(page.getByRole('heading', { name: /progress matrix/ }).first()).toBeVisible();
	await page.screenshot({ path: `${shots}/trainer-dashboard.png`, fullPage: true });
	await signOut(page);

	await loginAs(page, 'admin');
	await expect(page.getByRole('heading', { name: 'Certification across the organisation' })).toBeVisible();
	await page.screenshot({ path: `${shots}/admin-dashboard.png`, fullPage: true });
	const trainee = account(CERT_DEMO_TRAINEES.ready);
	const users = await page.request.get('/admin/certificates/progress-export');
	expect(users.headers()['content-type']).toContain('text/csv');
	expect(await users.text()).toContain(trainee.email);

	await page.goto('/admin/users');
	await page.getByRole('link', { name: trainee.name }).first().click();
	await page.getByRole('link', { name: 'Certification report' }).click();
	await expect(page.getByRole('heading', { name: trainee.name })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${shots}/trainee-report-print.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
	const { text } = await extractPdfText(new Uint8Array(await readFile((await download.path())!)));
	expect(text).toContain(trainee.name);

	await page.setViewportSize({ width: 375, height: 800 });
	await page.goto('/');
	await page.screenshot({ path: `${shots}/admin-dashboard-375.png`, fullPage: true });
});

test('a trainer opens the report of a trainee in her cohort from My trainees, and gets 403 for another cohort', async ({ page, playwright, baseURL }) => {
	// Fresh trainees, as other specs move demo trainees between cohorts: one in priya's North team, one in tom's
	// South team. Their names need more than WinAnsi, so the PDF from the built server shows the embedded font works.
	const run = Date.now().toString(36);
	const north = { name: `Łucja Şahin-Ørsted ${run}`, email: `cert-north-${run}@callcraft.test` };
	const south = { name: `Фёдор Достоевский ${run}`, email: `cert-south-${run}@callcraft.test` };
	await createAccount(baseURL!, { ...north, password: 'Cert-first-2026', cohort: 'North team' });
	const southId = await createAccount(baseURL!, { ...south, password: 'Cert-first-2026', cohort: 'South team' });
	const southReport = `/trainer/trainees/${southId}/report`;

	// Tom leads the South team: he may open that report.
	const tom = await playwright.request.newContext({ baseURL });
	await loginRequest(tom, 'tom', baseURL!);
	expect((await tom.get(southReport, { maxRedirects: 0 })).status()).toBe(200);
	await tom.dispose();

	// Priya leads the North team: her list links to her trainee's report, not to tom's trainee.
	await loginAs(page, 'priya', '/trainer/trainees');
	await expect(page.getByRole('link', { name: south.name })).toHaveCount(0);
	await page.getByRole('link', { name: north.name }).click();
	await expect(page).toHaveURL(/\/trainer\/trainees\/\d+\/report$/);
	await expect(page.getByRole('heading', { name: north.name })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Programmes' })).toBeVisible();
	await expect(page.getByRole('link', { name: '← My trainees' })).toBeVisible();
	await page.screenshot({ path: `${shots}/trainer-trainee-report.png`, fullPage: true });
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
	const { text, missingGlyphs } = await extractPdfText(new Uint8Array(await readFile((await download.path())!)));
	expect(text.split('\n')).toContain(north.name);
	expect(text).toContain(`${north.email} · Cohort: North team`);
	expect(missingGlyphs).toEqual([]);

	// Tom's trainee's report and PDF are refused, typed URL or not.
	const refused = await page.goto(southReport);
	expect(refused?.status()).toBe(403);
	await expect(page.getByText('This trainee is not in one of your cohorts.')).toBeVisible();
	expect((await page.request.get(`${southReport}/pdf`, { maxRedirects: 0 })).status()).toBe(403);
});

test('an admin bookmark of the old report address (/admin/trainees/…) is sent on for good to the report and its PDF', async ({ page, baseURL }) => {
	const run = Date.now().toString(36);
	const trainee = { name: `Bookmark Trainee ${run}`, email: `cert-bookmark-${run}@callcraft.test` };
	const id = await createAccount(baseURL!, { ...trainee, password: 'Cert-first-2026', cohort: 'North team' });

	await loginAs(page, 'admin');
	const old = await page.request.get(`/admin/trainees/${id}/report?from=bookmark`, { maxRedirects: 0 });
	expect(old.status()).toBe(308);
	expect(old.headers().location).toBe(`/trainer/trainees/${id}/report?from=bookmark`);
	const oldPdf = await page.request.get(`/admin/trainees/${id}/report/pdf`, { maxRedirects: 0 });
	expect(oldPdf.status()).toBe(308);
	expect(oldPdf.headers().location).toBe(`/trainer/trainees/${id}/report/pdf`);

	// Followed, the bookmarks open the report and the PDF themselves.
	await page.goto(`/admin/trainees/${id}/report`);
	await expect(page).toHaveURL(`/trainer/trainees/${id}/report`);
	await expect(page.getByRole('heading', { name: trainee.name })).toBeVisible();
	const pdf = await page.request.get(`/admin/trainees/${id}/report/pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await extractPdfText(new Uint8Array(await pdf.body()))).text).toContain(trainee.name);
});
