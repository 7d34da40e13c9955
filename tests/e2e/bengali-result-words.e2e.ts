// A Bengali reader's results page for a call with record mistakes (issue #13): every deduction, field detail and
// picklist value is in Bengali. The call is played through the JSON API (cheap), the page read as the trainee sees
// it; the English the scorer stored (GET /api/calls/:id/result) must not appear. Photographed at 1280 and 375 px.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createAccount, signInFirstTime } from './fixtures';
import { uiText } from './bengali-angry-call';

const bn = uiText('bn');
const SHOTS = 'test-results/screens/bengali-result-words';

async function post(ctx: APIRequestContext, baseURL: string, path: string, data: unknown) {
	const res = await ctx.post(path, { data, headers: { origin: baseURL } });
	expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
	return res.json();
}

test('a Bengali reader sees every scoring reason of a call with record mistakes in Bengali', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const email = `bn-words-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'তানিয়া ইসলাম', password: 'Words-first-2026', cohort: 'South team' });
	await signInFirstTime(page, email, 'Words-first-2026', 'Words-bengali-2026', '/');
	await page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');

	// A short Bengali call: a phone number one digit off, the wrong category and status picked, the log saved late.
	const api = page.request;
	const call = await post(api, baseURL!, '/api/calls', { scenarioSlug: 'bn-angry-electricity-bill', mode: 'practice' });
	await post(api, baseURL!, `/api/calls/${call.id}/answer`, {});
	let n = 0;
	const send = (t: number, event: Record<string, unknown>) => post(api, baseURL!, `/api/calls/${call.id}/events`, { clientId: `w-${n++}`, event: { ...event, t } });
	await send(2000, { type: 'trainee_utterance', text: 'হ্যালো, বলুন।' });
	await send(4000, { type: 'trainee_utterance', text: 'শান্ত হন, এটা আপনারই দোষ।' });
	await send(6000, { type: 'crm_change', section: 'customer', field: 'phone', value: '01711-223345' });
	await send(7000, { type: 'crm_change', section: 'interaction', field: 'category', value: 'technical' });
	await send(8000, { type: 'crm_change', section: 'interaction', field: 'status', value: 'Open' });
	await send(9000, { type: 'crm_save', section: 'interaction', record: { category: 'technical', status: 'Open' } });
	await post(api, baseURL!, `/api/calls/${call.id}/end`, {});
	await post(api, baseURL!, `/api/calls/${call.id}/acw`, { email: null });

	const stored = await (await api.get(`/api/calls/${call.id}/result`)).json();
	const score = stored.score ?? stored.result?.score ?? stored;
	const deductions: { section: string; message: string }[] = score.sections.flatMap((s: { deductions: unknown[] }) => s.deductions);
	const details: string[] = score.fields.flatMap((f: { detail: string | null }) => (f.detail ? [f.detail] : []));
	expect(deductions.filter((d) => d.section === 'accuracy').length, 'record mistakes').toBeGreaterThan(1);
	expect(deductions.filter((d) => d.section === 'angerControl').length, 'tone').toBeGreaterThan(0);

	await page.goto(`/calls/${call.id}/result`);
	await expect(page.locator('h1')).toHaveText(bn.result_heading);
	const body = (await page.locator('main').textContent()) ?? '';
	for (const d of deductions) {
		// an etiquette reason after its item's name; everything else whole
		const english = d.section === 'etiquette' ? d.message.slice(d.message.indexOf(': ') + 2) : d.message;
		expect(body, `${d.section}: ${d.message}`).not.toContain(english);
	}
	for (const detail of details) expect(body, detail).not.toContain(detail);
	const deductionText = await page.locator('ul.deductions').allTextContents();
	for (const text of deductionText) expect(text.match(/[A-Za-z]{4,}/g) ?? [], text).toEqual([]);

	// the picklist values by their Bengali labels, the wrong digit explained in Bengali
	const row = (field: string) => page.getByRole('row', { name: new RegExp(`^${bn[`result_rec_${field.split('.')[0]}`]} ${bn[field.split('.')[1]]}`) });
	await expect(row('interaction.field_category')).toContainText(bn.crm_opt_technical);
	await expect(row('interaction.field_category')).toContainText(bn.crm_opt_billing);
	await expect(row('interaction.field_status')).toContainText(bn.crm_opt_pending);
	await expect(row('customer.field_phone')).toContainText(bn.cmp_one_digit_differs);
	// the timeline names the field and the picked value in Bengali too
	await expect(page.locator('ol.timeline')).toContainText(`${bn.crm_section_interaction} · ${bn.field_category} = “${bn.crm_opt_technical}”`);
	await expect(page.locator('#section-accuracy ul.deductions')).toContainText(`"${bn.crm_opt_billing}"-এর বদলে "${bn.crm_opt_technical}" বাছাই করা হয়েছে`);

	for (const [width, name] of [[1280, 'desktop'], [375, 'mobile']] as const) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${SHOTS}/result-${name}.png`, fullPage: true });
	}
});
