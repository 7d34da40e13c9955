// The typed Bengali angry-caller call (content/scenarios/bn-angry-electricity-bill.yaml) as a careful trainee makes
// it, shared by bengali-call.e2e.ts (English interface) and bengali-journey.e2e.ts (Bengali interface). Buttons and
// labels are found by their text in messages/<language>.json, so the same steps drive the page in either language
// and prove the Bengali interface names what it should.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { sayInCall } from './fixtures';

export type UiText = Record<string, string>;
/** The interface's messages in one language, as the app shows them. */
export const uiText = (language: 'en' | 'bn'): UiText => JSON.parse(readFileSync(`messages/${language}.json`, 'utf8'));

export const BENGALI_ANGRY_CALL = { slug: 'bn-angry-electricity-bill', title: 'রাগান্বিত গ্রাহক — অস্বাভাবিক বিদ্যুৎ বিল' };
export const CALLER_PHONE_BN = '০১৭১১-২২৩৩৪৪';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A message with placeholders as a pattern: its text up to the first placeholder. */
const lead = (message: string) => new RegExp(escape(message.split('{')[0].trim()));
/** A number the page wrote in Bengali or Latin digits. */
export const readNumber = (text: string | null) => Number((text ?? '').replace(/[০-৯]/g, (d) => String('০১২৩৪৫৬৭৮৯'.indexOf(d))).replace(/,/g, ''));

/**
 * From the ringing simulator to the result page: answers, talks the caller down in Bengali (and a line of Banglish),
 * keeps the CRM with Bengali digits (০১৭১১-২২৩৩৪৪, ৳৮,৭৫০, ১৫২৩০), closes and sends the acknowledgement e-mail.
 * `practice` calls show the mood meter; `onCall` runs once the call is answered (axe, screenshots).
 */
export async function playBengaliAngryCall(page: Page, t: UiText, opts: { practice: boolean; onCall?: () => Promise<void> }) {
	await expect(page.getByTestId('ivr-choice')).toHaveText('২ – বিল ও পরিশোধ');
	await page.getByRole('button', { name: t.sim_answer_call }).click();
	await expect(page.getByTestId('call-state')).toHaveText(t.call_state_active);
	if (opts.practice) await expect(page.getByTestId('mood-word')).toHaveText(new RegExp(`${t.mood_angry}|${t.mood_furious}`));
	// Whisper cannot score Bengali speech: the call says so and asks for typed answers
	await expect(page.getByTestId('voice-unavailable')).toHaveText(t.sim_voice_off_bengali);
	await expect(page.getByText(t.sim_voice_instead)).toHaveCount(0);

	await sayInCall(page, 'আসসালামু আলাইকুম, আলো পাওয়ারে ফোন করার জন্য ধন্যবাদ, আমি সামি বলছি।', /আট হাজার/);
	await opts.onCall?.();
	await sayInCall(
		page,
		'এত বেশি বিল দেখে আপনার রাগ হওয়াটা খুবই স্বাভাবিক। অ্যাকাউন্টটা দেখার জন্য আপনার জন্ম তারিখ আর মোবাইল নম্বরটা বলবেন?',
		/শাহানা আক্তার/
	);

	// CRM: search by the caller ID typed in Bengali digits, open, verify; the customer record in Bengali digits.
	await page.getByRole('searchbox', { name: t.crm_search_customers }).fill(CALLER_PHONE_BN);
	await page.getByRole('button', { name: /শাহানা আক্তার/ }).click();
	await expect(page.getByRole('heading', { name: 'শাহানা আক্তার' })).toBeVisible();
	await page.getByRole('button', { name: t.crm_verify_identity }).click();
	await expect(page.getByTestId('identity-verified')).toBeVisible();
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText('সমস্যাটা কোথায়');
	await page.getByRole('button', { name: t.sim_edit_customer }).click();
	const details = page.locator('.pane-card');
	await details.getByLabel(t.crm_field_phone, { exact: true }).fill(CALLER_PHONE_BN);
	await details.getByRole('button', { name: t.crm_save_customer }).click();
	await expect(details.getByText(lead(t.sim_saved_at))).toBeVisible();

	await sayInCall(page, 'ধন্যবাদ। দেখলাম, এই মাসে মিটার রিডিং নেওয়া হয়নি, তাই আনুমানিক হিসাবে বিল করা হয়েছে।', /ফেব্রুয়ারিতে/);
	await sayInCall(page, 'আপনার ছবির রিডিং ১৫২৩০ দিয়েই বিলটা সংশোধন করে নতুন বিল পাঠানো হবে।', /বিলম্ব মাশুল/);
	await sayInCall(page, 'Late fee lagbe na, ami waive kore dicchi. এই ঝামেলার জন্য আন্তরিকভাবে দুঃখিত।', /স্বস্তি/);

	// Ticket and interaction log, with Bengali digits in the text.
	const label = (name: string) => page.getByLabel(name, { exact: true });
	await page.getByRole('tab', { name: t.sim_tab_ticket }).click();
	await label(t.crm_field_subject).fill('প্রকৃত রিডিং ১৫২৩০ দিয়ে সংশোধিত বিল');
	await label(t.crm_field_priority).selectOption('high');
	await label(t.crm_field_team).selectOption('Billing adjustments');
	await label(t.crm_field_description).fill('বিলে আনুমানিক রিডিং ১৮৬৪০ ধরা হয়েছে। ফেব্রুয়ারির ছবিতে প্রকৃত রিডিং ১৫২৩০, যা হালনাগাদ হয়নি।');
	await page.getByRole('button', { name: t.crm_save_ticket }).click();
	await expect(page.getByText(/TCK-\w+/)).toBeVisible();
	await page.getByRole('tab', { name: t.sim_tab_interaction, exact: true }).click();
	await label(t.crm_field_channel).selectOption('phone');
	await label(t.crm_field_category).selectOption('billing');
	await label(t.crm_field_status).selectOption('Pending');
	await label(t.crm_field_follow_up_date).fill('2026-03-17');
	await label(t.crm_field_notes).fill(
		'৳৮,৭৫০ বিল নিয়ে অভিযোগ। বিলটি আনুমানিক রিডিংয়ে করা। ফেব্রুয়ারির ছবিতে প্রকৃত রিডিং ১৫২৩০। বিলম্ব মাশুল মওকুফ। সংশোধিত বিলের টিকেট খোলা হয়েছে।'
	);
	await page.getByRole('button', { name: t.crm_save_interaction }).click();
	// the customer details and the interaction log both saved
	await expect(page.getByText(lead(t.sim_saved_at))).toHaveCount(2);

	await sayInCall(page, 'সংক্ষেপে বলি: সংশোধিত বিল পাঁচ কার্যদিবসের মধ্যে পাবেন, জরিমানা মওকুফ, আর রেফারেন্স নম্বর ইমেইলে যাবে।', /নতুন বিল আসবে/);
	await sayInCall(page, 'আর কোনো বিষয়ে সাহায্য করতে পারি?', /আর কিছু না/);
	// the caller answers the goodbye and hangs up
	await sayInCall(page, 'ধৈর্য ধরে কথা বলার জন্য ধন্যবাদ, ভালো থাকবেন। আল্লাহ হাফেজ।', /আল্লাহ হাফেজ/);
	await expect(page.getByTestId('call-state')).toHaveText(t.call_state_acw);
	await expect(label(t.ack_to)).toHaveValue('shahana.akter@example.com.bd');
	await label(t.ack_subject).fill('আপনার সংশোধিত বিল');
	await label(t.ack_message).fill('প্রিয় শাহানা আক্তার, প্রকৃত রিডিং দিয়ে আপনার সংশোধিত বিল পাঠানো হবে এবং বিলম্ব মাশুল মওকুফ করা হয়েছে।');
	await page.getByRole('button', { name: t.ack_send_finish }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}\/result$/);
}

/** The result of that call: the record correct field by field (the phone in Bengali digits credited), আপনি credited. */
export async function expectBengaliCallScored(page: Page, t: UiText) {
	const row = (section: string, field: string) => page.getByRole('row', { name: new RegExp(`^${escape(t[section])} ${escape(t[field])}`) });
	const phone = row('result_rec_customer', 'field_phone');
	await expect(phone).toContainText(CALLER_PHONE_BN);
	await expect(phone.locator('.badge')).toHaveText(t.result_verdict_correct);
	await expect(row('result_rec_interaction', 'field_notes').locator('.badge')).toHaveText(t.result_verdict_correct);
	await expect(row('result_rec_ticket', 'field_description').locator('.badge')).toHaveText(t.result_verdict_correct);
	await expect(page.locator('table.fields .badge')).not.toContainText([t.result_verdict_wrong]);
	for (const section of ['accuracy', 'completeness', 'consistency']) {
		await expect.poll(async () => readNumber(await page.getByTestId(`section-${section}`).textContent()), section).toBe(100);
	}
	const respectful = page.locator('ul.checks li').filter({ hasText: t.etiquette_respectful_address });
	await expect(respectful).toHaveClass(/pass/);
	await expect(page.locator('ul.checks li:not(.pass)')).toHaveCount(0);
	expect(readNumber(await page.getByTestId('total-score').textContent())).toBeGreaterThanOrEqual(90);
}
