// The form schemas word their own messages per request: a Bengali reader gets Bengali (with Bengali digits), an
// English reader the same English as before. Each message is looked up when the issue is raised, not at import.
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '../paraglide/runtime';
import { zodFieldErrors, formIssueMessage } from '$lib/server/http';
import type { z } from 'zod';
import { loginSchema, createUserSchema, cohortSchema, cohortMemberSchema } from './auth';
import { assignmentFormSchema, assignmentIdSchema } from './assignments';
import { targetsFormSchema } from './targets';
import { notificationIdSchema, emailKindsSchema } from './notifications';
import { auditFilterFromUrl } from './audit';
import { programmeFormSchema, revokeSchema } from './certification';
import { editorListSchema, editorTextSchema } from './course';
import { displayText } from './text';

const english = getLocale;
afterEach(() => overwriteGetLocale(english));
const inBengali = () => overwriteGetLocale(() => 'bn');

function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
	const r = schema.safeParse(input, { error: formIssueMessage });
	return r.success ? {} : zodFieldErrors(r.error);
}

const assignment = assignmentFormSchema('2026-06-15');
const targets = targetsFormSchema(['2026-05', '2026-06']);
const programme = {
	slug: '',
	title: '',
	description: '',
	validityMonths: 'x',
	retrainingDays: '0',
	courses: [],
	prerequisites: [],
	recertifyCourses: [],
	recertifyCalls: false,
	calls: [{ count: 'x', minScore: 'y', minRecordAccuracy: 'z', angryOnly: false, scenarios: [] }],
	revokeNonMatching: false
};

describe('form schema messages in Bengali', () => {
	it('sign-in, users and cohorts', () => {
		inBengali();
		expect(errorsOf(loginSchema, { email: '', password: '' })).toEqual({ email: 'একটি ই-মেইল ঠিকানা লিখুন।', password: 'আপনার পাসওয়ার্ড লিখুন।' });
		expect(errorsOf(loginSchema, { email: 'not-an-address', password: 'x' })).toEqual({ email: 'একটি সঠিক ই-মেইল ঠিকানা লিখুন।' });
		expect(errorsOf(createUserSchema, { name: ' ', email: 'a@b.test', roles: 'root', cohortId: 'x', password: 'long-enough-1' })).toEqual({
			name: 'একটি নাম লিখুন।',
			roles: 'তালিকা থেকে ভূমিকা বেছে নিন।',
			cohortId: 'তালিকা থেকে একটি ব্যাচ বেছে নিন।'
		});
		expect(errorsOf(cohortSchema, { name: 'x'.repeat(81), trainerId: '-1' })).toEqual({ name: 'সর্বোচ্চ ৮০টি অক্ষর লিখুন।', trainerId: 'তালিকা থেকে একজন প্রশিক্ষক বেছে নিন।' });
		expect(errorsOf(cohortMemberSchema, { userId: 'x' })).toEqual({ userId: 'তালিকা থেকে একজন প্রশিক্ষণার্থী বেছে নিন।' });
		// a right-to-left override in a name (the text checks of every typed name)
		expect(errorsOf(displayText({ min: 1, max: 120 }), 'gpj\u202Eexe')).toEqual({ _form: 'কন্ট্রোল অক্ষর আর লেখার দিক বদলানোর চিহ্নগুলো মুছে দিন।' });
	});

	it('assignments, with Bengali digits in the bounds', () => {
		inBengali();
		expect(errorsOf(assignment, { target: 'nothing', mode: 'exam', minScore: '150', callCount: '99', dueDate: '2026-06-14' })).toEqual({
			target: 'কী অ্যাসাইন করবেন, তা তালিকা থেকে বেছে নিন।',
			mode: 'অনুশীলন না মূল্যায়ন, তা বেছে নিন।',
			minScore: 'স্কোর সর্বোচ্চ ১০০ পর্যন্ত হয়।',
			callCount: 'সর্বোচ্চ ৫০টি কল চাইতে পারেন।',
			dueDate: 'শেষ তারিখটি পেরিয়ে গেছে: আজকের বা পরের কোনো দিন বেছে নিন।'
		});
		expect(errorsOf(assignment, { target: 'course:x', minScore: 'many', dueDate: '2026-02-30' })).toEqual({
			minScore: '০ থেকে ১০০-এর মধ্যে একটি পূর্ণ সংখ্যা লিখুন।',
			dueDate: 'এই তারিখটি ক্যালেন্ডারে নেই।'
		});
		expect(errorsOf(assignmentIdSchema, { id: '0' })).toEqual({ id: 'তালিকা থেকে একটি অ্যাসাইনমেন্ট বেছে নিন।' });
	});

	it('targets, notifications, the audit filter', () => {
		inBengali();
		expect(errorsOf(targets, { month: '2027-01', recordAccuracy: '101' })).toEqual({
			month: 'দেওয়া মাসগুলোর একটি বেছে নিন।',
			recordAccuracy: 'গড় রেকর্ড নির্ভুলতা ০ থেকে ১০০-এর মধ্যে একটি পূর্ণ সংখ্যা হতে হবে; লক্ষ্য না রাখতে ঘরটি খালি রাখুন।'
		});
		expect(errorsOf(targets, { month: '2026-05', assessmentCalls: 'many' })).toEqual({
			assessmentCalls: 'মূল্যায়ন কলের সংখ্যা ০ থেকে ১,০০,০০০-এর মধ্যে একটি পূর্ণ সংখ্যা হতে হবে; লক্ষ্য না রাখতে ঘরটি খালি রাখুন।'
		});
		expect(errorsOf(notificationIdSchema, { id: 'abc' })).toEqual({ id: 'তালিকা থেকে একটি নোটিফিকেশন বেছে নিন।' });
		expect(errorsOf(emailKindsSchema, { email: 'spam' })).toEqual({ email: 'তালিকা থেকে ধরনগুলো বেছে নিন।' });
		expect(auditFilterFromUrl(new URL('http://x.test/admin/audit?from=31.05.2026')).errors).toEqual({ from: '2026-05-31-এর মতো করে তারিখ লিখুন।' });
	});

	it('the programme editor, revoking and the course editor', () => {
		inBengali();
		const errors = errorsOf(programmeFormSchema, programme);
		expect(errors).toMatchObject({
			slug: 'একটি স্লাগ লিখুন, যেমন crm-level-1।',
			title: 'প্রোগ্রামটির একটি শিরোনাম দিন।',
			validityMonths: 'মেয়াদ একটি সংখ্যা হতে হবে।',
			retrainingDays: 'সনদধারীদের পুনঃপ্রশিক্ষণের জন্য অন্তত ১ দিন সময় দিন।',
			'calls.0.count': 'কলের সংখ্যার ঘরে একটি সংখ্যা লিখতে হবে।',
			'calls.0.minScore': 'ন্যূনতম স্কোর একটি সংখ্যা হতে হবে।',
			'calls.0.minRecordAccuracy': 'ন্যূনতম রেকর্ড নির্ভুলতা একটি সংখ্যা হতে হবে।'
		});
		expect(errorsOf(programmeFormSchema, { ...programme, retrainingDays: 'soon' }).retrainingDays).toBe('পুনঃপ্রশিক্ষণের দিনসংখ্যা একটি পূর্ণ সংখ্যা হতে হবে।');
		expect(errorsOf(revokeSchema, { reason: 'no' })).toEqual({ reason: 'অন্তত ৫ অক্ষরে কারণটি লিখুন; এটি অডিট লগে রাখা হয় এবং স্ট্যাটাস হিসেবে দেখানো হয়।' });
		expect(errorsOf(editorTextSchema, 'x'.repeat(2001))).toEqual({ _form: 'সর্বোচ্চ ২,০০০টি অক্ষর লিখুন।' });
		expect(errorsOf(editorListSchema, Array(51).fill('a'))).toEqual({ _form: 'সর্বোচ্চ ৫০টি বেছে নিন।' });
	});

	it('leave no English word in any of these messages', () => {
		inBengali();
		const all = [
			errorsOf(loginSchema, { email: 'x', password: '' }),
			errorsOf(createUserSchema, {}),
			errorsOf(assignment, { target: 1, mode: 2, minScore: 'x', callCount: '0', dueDate: 'soon' }),
			errorsOf(targets, { month: 'x', assessmentCalls: '-1', certificates: 'many' }),
			errorsOf(programmeFormSchema, { ...programme, retrainingDays: '100000', calls: Array(11).fill(programme.calls[0]) }),
			errorsOf(revokeSchema, {})
		].flatMap((e) => Object.values(e));
		expect(all.length).toBeGreaterThan(15);
		// YYYY-MM-DD and slugs are what the reader types; anything else in Latin letters is an untranslated message
		expect(all.filter((text) => /[A-Za-z]{3,}/.test(text.replace(/YYYY-MM-DD|crm-level-1/g, '')))).toEqual([]);
	});
});

describe('form schema messages in English', () => {
	it('are the English texts', () => {
		expect(errorsOf(loginSchema, { email: '', password: '' })).toEqual({ email: 'Enter an e-mail address.', password: 'Enter your password.' });
		expect(errorsOf(assignment, { target: 'course:x', minScore: '150', dueDate: '2026-06-15' })).toEqual({ minScore: 'Scores go up to 100.' });
		expect(errorsOf(targets, { month: '2026-05', certificates: '-1' })).toEqual({
			certificates: 'Certificates held must be a whole number from 0 to 100,000, or empty for no target.'
		});
		expect(errorsOf(revokeSchema, { reason: 'no' })).toEqual({ reason: 'Give a reason of at least 5 characters; it is kept in the audit log and shown as the status.' });
	});
});
