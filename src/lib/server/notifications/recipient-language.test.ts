// Notifications and their e-mails are written in the recipient's language (their account setting, else English),
// whatever language the request or job that makes them runs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { emailOutbox, notifications } from '$lib/server/db/schema/notifications';
import { createCohort, createUser, setUserLocale } from '$lib/server/db/queries/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { createAssignment } from '$lib/server/assignments/assignments';
import { inRequestLocale } from '$lib/server/in-locale';
import { runReminderScan } from './reminders';
import { inRecipientLanguage, notify } from './notify';
import { m } from '$lib/paraglide/messages';

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;

beforeAll(() => {
	process.env.SMTP_URL = 'smtp://127.0.0.1:9'; // mail is only queued here, never sent
	process.env.ORIGIN = 'http://callcraft.test';
});
afterAll(() => {
	delete process.env.SMTP_URL;
});

importContentCourses(undefined, new Date(NOW.getTime() - 10 * DAY));
const pw = 'x-password-1';
const tess = await createUser({ email: 'tess@example.test', name: 'Tess Trainer', password: pw, roles: ['trainer'] });
const cohort = createCohort('Blue team', tess);
const rina = await createUser({ email: 'rina@example.test', name: 'রিনা আক্তার', password: pw, roles: ['trainee'], cohortId: cohort });
const ann = await createUser({ email: 'ann@example.test', name: 'Ann Blue', password: pw, roles: ['trainee'], cohortId: cohort });
setUserLocale(rina, 'bn');

/** Runs `work` as a request from a browser asking for `language` (what the hook does, with inRequestLocale). */
async function asRequestIn<T>(language: string, work: () => T): Promise<T> {
	const request = new Request('http://callcraft.test/', { headers: { 'accept-language': language } });
	return inRequestLocale(request, new URL(request.url), null, work);
}

function mailOf(userId: number) {
	return db
		.select({ title: notifications.title, body: notifications.body, subject: emailOutbox.subject, text: emailOutbox.text })
		.from(notifications)
		.innerJoin(emailOutbox, eq(emailOutbox.notificationId, notifications.id))
		.where(eq(notifications.userId, userId))
		.all();
}

describe('notifications in the recipient’s language', () => {
	it('writes a reminder and its e-mail in Bengali for a Bengali account and in English for the rest, from an English job', async () => {
		createAssignment({ cohortId: cohort, kind: 'course', refSlug: 'working-in-the-crm', dueAt: new Date(NOW.getTime() + DAY), traineeIds: [], createdBy: tess }, new Date(NOW.getTime() - 5 * DAY));
		expect(await asRequestIn('en', () => runReminderScan(NOW))).toBe(2);

		const [bn] = mailOf(rina);
		expect(bn.title).toBe('শেষ তারিখ ২০২৬-০৬-১১: Working in the CRM');
		expect(bn.body).toBe('এই অ্যাসাইনমেন্টের শেষ তারিখ ২ দিন পরে।');
		expect(bn.subject).toBe('CallCraft: শেষ তারিখ ২০২৬-০৬-১১: Working in the CRM');
		expect(bn.text).toContain('CallCraft-এ খুলুন: http://callcraft.test/courses/working-in-the-crm');
		expect(bn.text).toContain('এই ই-মেইলগুলো বন্ধ করতে চাইলে এখানে যান: http://callcraft.test/notifications');

		const [en] = mailOf(ann);
		expect(en.title).toBe('Due 2026-06-11: Working in the CRM');
		expect(en.body).toBe('This assignment is due in 2 days.');
		expect(en.text).toContain('Open it in CallCraft: http://callcraft.test/courses/working-in-the-crm');
	});

	it('builds the text in each recipient’s language even inside a Bengali request, and leaves the request’s language as it was', async () => {
		const made = await asRequestIn('bn', () => {
			const items = [rina, ann].map((userId) =>
				inRecipientLanguage(userId, () => ({ userId, kind: 'call-comment' as const, title: m.notif_call_comment_title({ title: 'Billing' }), dedupeKey: `comment:t-${userId}` }))
			);
			return { created: notify(items), after: m.notif_call_comment_title({ title: 'Billing' }) };
		});
		expect(made.created).toBe(2);
		expect(made.after).toBe('আপনার “Billing” কলে নতুন মন্তব্য');
		expect(mailOf(rina).map((r) => r.subject)).toContain('CallCraft: আপনার “Billing” কলে নতুন মন্তব্য');
		expect(mailOf(ann).map((r) => r.subject)).toContain('CallCraft: New comment on your call “Billing”');
	});
});
