// A typed Bengali angry-caller call in the browser (issue #13): the trainee answers in Bengali (and a line of
// Banglish), keeps the CRM with Bengali digits (০১৭১১-২২৩৩৪৪, ৳৮,৭৫০, ১৫২৩০) and is scored like a careful English
// call: the record correct field by field, আপনি credited, every etiquette item passed.
import { expect, test, type Page } from '@playwright/test';
import { createAccount, gotoReady, sayInCall, signInFirstTime } from './fixtures';

const FIRST_PASSWORD = 'Bangla-first-2026';
const PASSWORD = 'Bangla-e2e-2026';

/** Signs a new account in; its first sign-in asks for a new password. */
const signIn = (page: Page, email: string) => signInFirstTime(page, email, FIRST_PASSWORD, PASSWORD);

test('a Bengali angry-caller call typed in Bengali with CRM entries in Bengali digits is scored correctly', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const email = `bn-call-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Sami Rahman', password: FIRST_PASSWORD, cohort: 'North team' });
	await signIn(page, email);
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Practice call: রাগান্বিত গ্রাহক — অস্বাভাবিক বিদ্যুৎ বিল' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	await expect(page.getByTestId('ivr-choice')).toHaveText('২ – বিল ও পরিশোধ');
	await page.getByRole('button', { name: /Answer call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await expect(page.getByTestId('mood-word')).toHaveText(/Angry|Furious/);
	// Whisper cannot score Bengali speech: the call says so and asks for typed answers
	await expect(page.getByTestId('voice-unavailable')).toContainText('type your answers');
	await expect(page.getByText('Answer by voice instead')).toHaveCount(0);

	await sayInCall(page, 'আসসালামু আলাইকুম, আলো পাওয়ারে ফোন করার জন্য ধন্যবাদ, আমি সামি বলছি।', /আট হাজার/);
	await sayInCall(
		page,
		'এত বেশি বিল দেখে আপনার রাগ হওয়াটা খুবই স্বাভাবিক। অ্যাকাউন্টটা দেখার জন্য আপনার জন্ম তারিখ আর মোবাইল নম্বরটা বলবেন?',
		/শাহানা আক্তার/
	);

	// CRM: search by the caller ID typed in Bengali digits, open, verify; the customer record in Bengali digits.
	await page.getByRole('searchbox', { name: 'Search customers' }).fill('০১৭১১-২২৩৩৪৪');
	await page.getByRole('button', { name: /শাহানা আক্তার/ }).click();
	await expect(page.getByRole('heading', { name: 'শাহানা আক্তার' })).toBeVisible();
	await page.getByRole('button', { name: 'Verify identity' }).click();
	await expect(page.getByTestId('identity-verified')).toBeVisible();
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText('সমস্যাটা কোথায়');
	await page.getByRole('button', { name: 'Edit customer details' }).click();
	const details = page.locator('.pane-card');
	await details.getByLabel('Phone').fill('০১৭১১-২২৩৩৪৪');
	await details.getByRole('button', { name: 'Update customer' }).click();
	await expect(details.getByText(/Saved at/)).toBeVisible();

	await sayInCall(page, 'ধন্যবাদ। দেখলাম, এই মাসে মিটার রিডিং নেওয়া হয়নি, তাই আনুমানিক হিসাবে বিল করা হয়েছে।', /ফেব্রুয়ারিতে/);
	await sayInCall(page, 'আপনার ছবির রিডিং ১৫২৩০ দিয়েই বিলটা সংশোধন করে নতুন বিল পাঠানো হবে।', /বিলম্ব মাশুল/);
	await sayInCall(page, 'Late fee lagbe na, ami waive kore dicchi. এই ঝামেলার জন্য আন্তরিকভাবে দুঃখিত।', /স্বস্তি/);

	// Ticket and interaction log, with Bengali digits in the text.
	await page.getByRole('tab', { name: 'Ticket' }).click();
	await page.getByLabel('Subject').fill('প্রকৃত রিডিং ১৫২৩০ দিয়ে সংশোধিত বিল');
	await page.getByLabel('Priority').selectOption('high');
	await page.getByLabel('Assign to team').selectOption('Billing adjustments');
	await page.getByLabel('Description').fill('বিলে আনুমানিক রিডিং ১৮৬৪০ ধরা হয়েছে। ফেব্রুয়ারির ছবিতে প্রকৃত রিডিং ১৫২৩০, যা হালনাগাদ হয়নি।');
	await page.getByRole('button', { name: 'Create ticket' }).click();
	await expect(page.getByText(/Ticket TCK-\w+ created/)).toBeVisible();
	await page.getByRole('tab', { name: 'Interaction' }).click();
	await page.getByLabel('Channel').selectOption('phone');
	await page.getByLabel('Category').selectOption('billing');
	await page.getByLabel('Status').selectOption('Pending');
	await page.getByLabel('Follow-up date').fill('2026-03-17');
	await page
		.getByLabel('Notes')
		.fill('৳৮,৭৫০ বিল নিয়ে অভিযোগ। বিলটি আনুমানিক রিডিংয়ে করা। ফেব্রুয়ারির ছবিতে প্রকৃত রিডিং ১৫২৩০। বিলম্ব মাশুল মওকুফ। সংশোধিত বিলের টিকেট খোলা হয়েছে।');
	await page.getByRole('button', { name: 'Save interaction' }).click();
	// the customer details and the interaction log both saved
	await expect(page.getByText(/Saved at/)).toHaveCount(2);

	await sayInCall(page, 'সংক্ষেপে বলি: সংশোধিত বিল পাঁচ কার্যদিবসের মধ্যে পাবেন, জরিমানা মওকুফ, আর রেফারেন্স নম্বর ইমেইলে যাবে।', /নতুন বিল আসবে/);
	await sayInCall(page, 'আর কোনো বিষয়ে সাহায্য করতে পারি?', /আর কিছু না/);
	// the caller answers the goodbye and hangs up
	await sayInCall(page, 'ধৈর্য ধরে কথা বলার জন্য ধন্যবাদ, ভালো থাকবেন। আল্লাহ হাফেজ।', /আল্লাহ হাফেজ/);
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');
	await expect(page.getByLabel('To', { exact: true })).toHaveValue('shahana.akter@example.com.bd');
	await page.getByLabel('Subject').fill('আপনার সংশোধিত বিল');
	await page.getByLabel('Message').fill('প্রিয় শাহানা আক্তার, প্রকৃত রিডিং দিয়ে আপনার সংশোধিত বিল পাঠানো হবে এবং বিলম্ব মাশুল মওকুফ করা হয়েছে।');
	await page.getByRole('button', { name: 'Send e-mail and finish' }).click();

	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}\/result$/);
	const row = (name: RegExp) => page.getByRole('row', { name });
	// the phone typed in Bengali digits is the caller's number; the notes with ৳৮,৭৫০ and ১৫২৩০ cover every fact
	await expect(row(/^customer Phone/)).toContainText('০১৭১১-২২৩৩৪৪');
	await expect(row(/^customer Phone/).locator('.badge')).toHaveText('correct');
	await expect(row(/^interaction Notes/).locator('.badge')).toHaveText('correct');
	await expect(row(/^ticket Description/).locator('.badge')).toHaveText('correct');
	await expect(page.locator('table.fields .badge')).not.toContainText(['wrong']);
	await expect(page.getByTestId('section-accuracy')).toHaveText('100');
	await expect(page.getByTestId('section-completeness')).toHaveText('100');
	await expect(page.getByTestId('section-consistency')).toHaveText('100');
	const respectful = page.locator('ul.checks li').filter({ hasText: 'Respectful form of address' });
	await expect(respectful).toHaveClass(/pass/);
	await expect(page.locator('ul.checks li:not(.pass)')).toHaveCount(0);
	const total = Number(await page.getByTestId('total-score').textContent());
	expect(total).toBeGreaterThanOrEqual(90);
});
