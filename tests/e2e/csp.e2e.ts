// The pages run under the app's strict CSP (no 'unsafe-eval', no inline scripts): any bundled code that calls eval
// or new Function (even inside a try, as feature detection) is reported as a violation. The editor pages load the
// most client code (YAML and Markdown editors, zod validation, the dry run), so they are walked here and any
// `securitypolicyviolation` event or console CSP error fails the test. Read-only visits as tom (no data changed).
import { expect, test, type Page } from '@playwright/test';
import { gotoReady, loginAs } from './fixtures';

type Violation = { directive: string; blocked: string; source: string };

/** Collects every CSP violation (events and console errors) of every page the tab visits. */
async function watchCsp(page: Page) {
	const found: string[] = [];
	page.on('console', (msg) => {
		if (/content security policy/i.test(msg.text())) found.push(`${page.url()} console: ${msg.text()}`);
	});
	await page.exposeFunction('__reportCsp', (v: Violation) => found.push(`${page.url()} ${v.directive} ${v.blocked} at ${v.source}`));
	// Injected by the browser itself on each navigation, so the page's CSP does not apply to this script.
	await page.addInitScript(() => {
		const report = (window as unknown as { __reportCsp: (v: Violation) => void }).__reportCsp;
		document.addEventListener('securitypolicyviolation', (e) =>
			report({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` })
		);
	});
	return found;
}

const EDITOR_PAGES = [
	'/trainer/scenarios',
	'/trainer/scenarios/technical-fault-ticket',
	'/trainer/courses',
	'/trainer/courses/anger-control-and-de-escalation',
	'/trainer/courses/anger-control-and-de-escalation/edit/course',
	'/trainer/courses/anger-control-and-de-escalation/history'
];

test('the editor pages load, validate and preview without any CSP violation', async ({ page }) => {
	const violations = await watchCsp(page);
	await loginAs(page, 'tom', '/trainer/scenarios');
	for (const url of EDITOR_PAGES) {
		const res = await gotoReady(page, url);
		expect(res?.status(), url).toBe(200);
	}
	// The scenario editor validates as one types and the dry run plays: both run the client-side schemas.
	await gotoReady(page, '/trainer/scenarios/technical-fault-ticket');
	const editor = page.getByLabel('Scenario YAML');
	await editor.press('End');
	await editor.pressSequentially(' ');
	await expect(page.getByText('Unsaved changes.')).toBeVisible();
	// A lesson in the Markdown editor renders its live preview.
	await gotoReady(page, '/trainer/courses/anger-control-and-de-escalation');
	const lesson = await page.locator('a[href*="/edit/"]:not([href$="/edit/course"])').first().getAttribute('href');
	expect((await gotoReady(page, lesson!))?.status()).toBe(200);
	// The reports travel to the test asynchronously: a round trip through the page lets any pending one arrive.
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
	expect(violations).toEqual([]);
});
