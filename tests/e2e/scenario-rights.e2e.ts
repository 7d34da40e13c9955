// Scenario editing rights: priya's scenario opens read-only for tom (the dry run still plays) and every change he
// posts gets 403; an admin grants him editing rights in the editor; then he saves and publishes a version.
import { expect, test, type Page } from '@playwright/test';
import { confirmPlaceholderPublish, gotoReady, loginAs } from './fixtures';

const SLUG = `e2e-rights-${Date.now().toString(36)}`;
const shots = process.env.SCREENSHOT_DIR;

async function signedIn(browser: import('@playwright/test').Browser, who: string, path: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await loginAs(page, who, path);
	return page;
}

test("a trainer cannot edit another trainer's scenario until an admin grants it", async ({ browser, baseURL }) => {
	// Priya creates the scenario: she owns it.
	const priya = await signedIn(browser, 'priya', '/trainer/scenarios');
	await priya.getByLabel('Title').fill('Rights check (e2e)');
	await priya.getByLabel('Slug').fill(SLUG);
	await priya.getByRole('button', { name: 'Create scenario' }).click();
	await expect(priya).toHaveURL(`/trainer/scenarios/${SLUG}`);
	await expect(priya.getByTestId('scenario-owner')).toContainText('Owner: Priya Shah.');
	await expect(priya.getByRole('button', { name: 'Save as new version' })).toBeVisible();

	// Tom sees it in the list as read-only, opens it read-only, and can still dry-run it.
	const tom = await signedIn(browser, 'tom', '/trainer/scenarios');
	const listed = tom.getByRole('row', { name: /Rights check \(e2e\)/ });
	await expect(listed).toContainText('Priya Shah');
	await expect(listed).toContainText('read-only');
	await gotoReady(tom, `/trainer/scenarios/${SLUG}`);
	await expect(tom.getByText('You may read and dry-run this scenario, but not change it.')).toBeVisible();
	await expect(tom.getByTestId('scenario-owner')).toContainText('Owner: Priya Shah.');
	const editor = tom.getByLabel('Scenario YAML');
	await expect(editor).not.toBeEditable();
	await expect(tom.getByRole('button', { name: 'Save as new version' })).toHaveCount(0);
	await expect(tom.getByRole('button', { name: 'Publish v1' })).toHaveCount(0);
	const line = tom.getByLabel('What the trainee says');
	await line.fill('Good morning, Meridian Energy, my name is Tom. How can I help?');
	await line.press('Enter');
	await expect(tom.getByText("Hello, I've got a quick question about my account.")).toBeVisible();
	if (shots) await tom.screenshot({ path: `${shots}/scenario-read-only.png`, fullPage: true });

	// Posting the forms anyway is refused on the server.
	const yaml = await editor.inputValue();
	const form = { headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 };
	const post = (action: string, data: Record<string, string>) => tom.request.post(`/trainer/scenarios/${SLUG}?/${action}`, { ...form, form: data });
	expect((await post('save', { yaml: yaml.replace('Sam', 'Tomas'), note: 'sneaky' })).status()).toBe(403);
	expect((await post('publish', { version: '1' })).status()).toBe(403);
	expect((await post('grant', { userId: '1' })).status()).toBe(403);
	expect((await post('revoke', { userId: '1' })).status()).toBe(403);

	// The admin grants Tom editing rights in the editor.
	const admin = await signedIn(browser, 'admin', `/trainer/scenarios/${SLUG}`);
	await admin.getByLabel('Trainer', { exact: true }).selectOption({ label: 'Tom Okafor (tom@callcraft.demo)' });
	await admin.getByRole('button', { name: 'Grant editing' }).click();
	await expect(admin.getByText('Editing rights granted.')).toBeVisible();
	await expect(admin.getByRole('list', { name: 'Trainers granted editing rights' })).toContainText('Tom Okafor');
	await expect(admin.getByTestId('scenario-owner')).toContainText('Also edited by Tom Okafor.');
	if (shots) await admin.screenshot({ path: `${shots}/scenario-rights-admin.png`, fullPage: true });

	// Now Tom edits, saves and publishes.
	await gotoReady(tom, `/trainer/scenarios/${SLUG}`);
	await expect(tom.getByText('You may read and dry-run this scenario, but not change it.')).toHaveCount(0);
	await expect(editor).toBeEditable();
	await editor.fill(yaml.replace('title: "Rights check (e2e)"', 'title: "Rights check, edited by Tom (e2e)"'));
	await tom.getByLabel('Note for this version (optional)').fill('Granted edit');
	await tom.getByRole('button', { name: 'Save as new version' }).click();
	await expect(tom.getByText('Saved as version 2.')).toBeVisible();
	await tom.getByRole('button', { name: 'Publish v2' }).click();
	await confirmPlaceholderPublish(tom);
	await expect(tom.getByText('Version 2 is now live for trainees.')).toBeVisible();
	await expect(tom.getByRole('row', { name: /v2 live/ })).toContainText('Tom Okafor');

	// Tom cannot grant rights himself: only admins see the controls.
	await expect(tom.getByRole('button', { name: 'Grant editing' })).toHaveCount(0);
	for (const p of [priya, tom, admin]) await p.context().close();
});
