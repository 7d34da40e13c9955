import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiFailure, errorSummary, isCrossSite, parseForm, parseJsonBody } from './http';
import { changePasswordSchema, cohortSchema, createUserSchema, loginSchema } from '$lib/schemas/auth';
import { acwSchema } from '$lib/schemas/call-api';
import { toneBodySchema } from '$lib/schemas/speech';
import { inRequestLocale } from './in-locale';
import { commentSchema, overrideSchema } from '$lib/server/calls/review';

const URL = 'http://localhost/form';
const post = (body: BodyInit | null, contentType?: string) =>
	new Request(URL, { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {} });
const urlencoded = (body: string) => post(body, 'application/x-www-form-urlencoded');

async function refused(request: Request, schema: z.ZodType) {
	const parsed = await parseForm(request, schema);
	expect(parsed.ok).toBe(false);
	if (parsed.ok) throw new Error('accepted');
	expect(parsed.failure.status).toBe(400);
	return parsed.failure.data;
}

describe('parseForm', () => {
	it('parses a good form and hands back the values and the raw form', async () => {
		const parsed = await parseForm(urlencoded('name=North&trainerId=4'), cohortSchema);
		expect(parsed.ok && parsed.data).toEqual({ name: 'North', trainerId: 4 });
		expect(parsed.ok && parsed.form.get('name')).toBe('North');
	});

	it.each([
		['text/plain', post('name=North', 'text/plain')],
		['a multipart body with the wrong boundary', post('--other\r\nnonsense', 'multipart/form-data; boundary=expected')],
		['JSON', post('{"name":"North"}', 'application/json')]
	])('refuses %s as an unreadable form, with a message', async (_, request) => {
		expect(await refused(request, cohortSchema)).toEqual({ errors: { _form: 'The form could not be read. Please try again.' }, values: {} });
	});

	it('keeps fields named like Object.prototype members as plain values (a `toString` field was a 500)', async () => {
		const { errors, values } = await refused(urlencoded('toString=name&__proto__=x&__proto__=y&constructor=z'), cohortSchema);
		expect(values).toEqual({ toString: 'name', constructor: 'z' });
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		expect(errors.name).toBe('This field is missing from the form.');
	});

	it('names each missing field of an empty body', async () => {
		const { errors, values } = await refused(urlencoded(''), createUserSchema);
		expect(errors).toMatchObject({ name: 'This field is missing from the form.', email: 'This field is missing from the form.', roles: 'Choose at least one role.' });
		expect(values).toEqual({});
	});

	it('refuses a repeated field with its own message and keeps what was sent', async () => {
		const { errors, values } = await refused(urlencoded('name=North&name=South&trainerId='), cohortSchema);
		expect(errors).toEqual({ name: 'This field was sent more than once; send it once.' });
		expect(values).toEqual({ name: ['North', 'South'], trainerId: '' });
	});

	it('refuses over-long text, a non-numeric id and an unknown role in words a person can act on', async () => {
		const { errors, values } = await refused(
			urlencoded(`name=${'n'.repeat(121)}&email=a%40b.test&roles=trainee&roles=superuser&cohortId=abc&password=long-enough-1`),
			createUserSchema
		);
		expect(errors).toEqual({ name: 'Use at most 120 characters.', roles: 'Choose roles from the list.', cohortId: 'Choose a cohort from the list.' });
		// Everything typed comes back except the password.
		expect(values).toEqual({ name: 'n'.repeat(121), email: 'a@b.test', roles: ['trainee', 'superuser'], cohortId: 'abc' });
	});

	it('keeps the messages a schema gives itself', async () => {
		const { errors } = await refused(urlencoded('email=&password='), loginSchema);
		expect(errors).toEqual({ email: 'Enter an e-mail address.', password: 'Enter your password.' });
	});

	it('names fields a strict schema does not know', async () => {
		const { errors } = await refused(urlencoded('text=hi&extra=1'), z.strictObject({ text: z.string() }));
		expect(errors).toEqual({ _form: 'The form sent fields it does not have: extra.' });
	});
});

/** Runs `work` inside a request the way hooks.server.ts does: inRequestLocale picks the language. */
function asRequestIn<T>(language: string, work: () => Promise<T>): Promise<T> {
	const request = new Request(URL, { headers: { 'accept-language': language } });
	return inRequestLocale(request, new globalThis.URL(request.url), null, work);
}
const jsonBody = (body: unknown) => ({ request: post(JSON.stringify(body), 'application/json') });
async function apiRefusal(body: unknown, schema: z.ZodType): Promise<ApiFailure> {
	try {
		await parseJsonBody(jsonBody(body), schema);
	} catch (e) {
		if (e instanceof ApiFailure) return e;
		throw e;
	}
	throw new Error('accepted');
}

describe('form and API errors in the request’s language', () => {
	it('tells a Bengali reader about a missing, an over-long and a mismatched field in Bengali, with Bengali digits', async () => {
		const missing = await asRequestIn('bn-BD,bn;q=0.9', () => refused(urlencoded(''), cohortSchema));
		expect(missing.errors.name).toBe('ফর্মে এই ঘরটি নেই।');
		const long = await asRequestIn('bn', () => refused(urlencoded(`text=${'অ'.repeat(2001)}`), toneBodySchema));
		expect(long.errors.text).toBe('সর্বোচ্চ ২০০০টি অক্ষর');
		const password = await asRequestIn('bn', () =>
			refused(urlencoded('current=&password=short&confirm=other'), changePasswordSchema)
		);
		expect(password.errors).toEqual({
			current: 'আপনার বর্তমান পাসওয়ার্ড লিখুন।',
			password: 'অন্তত ১০টি অক্ষর লিখুন।',
			confirm: 'নতুন পাসওয়ার্ড দুটি মেলেনি।'
		});
		const unreadable = await asRequestIn('bn', () => refused(post('x', 'text/plain'), cohortSchema));
		expect(unreadable.errors._form).toBe('ফর্মটি পড়া যায়নি। অনুগ্রহ করে আবার চেষ্টা করুন।');
	});

	it('keeps English for an English request, word for word as before', async () => {
		const missing = await asRequestIn('en-GB', () => refused(urlencoded(''), cohortSchema));
		expect(missing.errors.name).toBe('This field is missing from the form.');
		const long = await asRequestIn('en', () => refused(urlencoded(`text=${'a'.repeat(2001)}`), toneBodySchema));
		expect(long.errors.text).toBe('at most 2000 characters');
		const password = await asRequestIn('en', () => refused(urlencoded('current=&password=short&confirm=other'), changePasswordSchema));
		expect(password.errors).toEqual({
			current: 'Enter your current password.',
			password: 'Use at least 10 characters.',
			confirm: 'The two new passwords differ.'
		});
	});

	it('words a trainer’s score override and comment (schemas with their own messages) in the request’s language', async () => {
		const form = 'section=nonsense&score=abc&reason=no';
		const bn = await asRequestIn('bn', () => refused(urlencoded(form), overrideSchema));
		expect(bn.errors).toEqual({ section: 'একটি অংশ বেছে নিন।', score: '০ থেকে ১০০-এর মধ্যে একটি স্কোর লিখুন।', reason: 'প্রশিক্ষণার্থীকে একটি কারণ জানান (অন্তত ৫টি অক্ষর)।' });
		const high = await asRequestIn('bn', () => refused(urlencoded(`section=accuracy&score=101&reason=${'r'.repeat(1001)}`), overrideSchema));
		expect(high.errors).toEqual({ score: 'স্কোর ১০০ বা তার কম হতে হবে।', reason: 'কারণ ১,০০০ অক্ষরের মধ্যে রাখুন।' });
		const moment = await asRequestIn('bn', () => refused(urlencoded('body=ভালো হয়েছে&at=soon'), commentSchema));
		expect(moment.errors.at).toBe('মুহূর্তটি মিনিট:সেকেন্ড আকারে লিখুন, যেমন 1:05।');
		// The same schema objects, one request later, in English.
		const en = await asRequestIn('en', () => refused(urlencoded(form), overrideSchema));
		expect(en.errors).toEqual({ section: 'Choose a section.', score: 'Enter a score from 0 to 100.', reason: 'Give the trainee a reason (at least 5 characters).' });
		const enHigh = await asRequestIn('en', () => refused(urlencoded(`section=accuracy&score=101&reason=${'r'.repeat(1001)}`), overrideSchema));
		expect(enHigh.errors).toEqual({ score: 'The score must be 100 or less.', reason: 'Keep the reason under 1,000 characters.' });
	});

	it('words JSON refusals (the simulator shows them) in the request’s language, naming the field', async () => {
		const email = { to: 'someone@example.test', subject: '   ', body: 'x'.repeat(4001) };
		const bn = await asRequestIn('bn', () => apiRefusal({ email }, acwSchema));
		expect([bn.status, bn.field, bn.message]).toEqual([422, 'email.subject', 'email.subject: খালি রাখা যাবে না']);
		const en = await asRequestIn('en', () => apiRefusal({ email: { ...email, subject: 'Hi' } }, acwSchema));
		expect([en.status, en.field, en.message]).toEqual([422, 'email.body', 'email.body: Use at most 4,000 characters.']);
		const unfilled = await asRequestIn('bn', () => apiRefusal({ email: { ...email, subject: 'Hi', body: 'প্রিয় [customer.firstName]' } }, acwSchema));
		expect(unfilled.message).toBe('email: ই-মেইলে এখনো একটি অংশ পূরণ করা বাকি: [customer.firstName]। সেটি আসল তথ্য দিয়ে বদলে দিন বা মুছে ফেলুন, তারপর পাঠান।');
	});
});

describe('errorSummary', () => {
	it('puts every problem on one line, after the label of each field the user sees', () => {
		const errors = { _form: 'The form could not be read.', slug: 'Use at most 60 characters.', version: 'Choose a version.' };
		expect(errorSummary(errors, { slug: 'Slug' })).toBe('The form could not be read. Slug: Use at most 60 characters. Choose a version.');
	});
});

describe('isCrossSite', () => {
	const url = new globalThis.URL('http://localhost:3000/api/calls/x/end');
	const req = (method: string, headers: Record<string, string>) => new Request(url, { method, headers });
	it('refuses a state-changing request whose Origin is another site, with or without a body', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(isCrossSite(req(method, { origin: 'http://evil.example' }), url)).toBe(true);
		expect(isCrossSite(req('POST', { origin: 'http://localhost:3001' }), url)).toBe(true);
		expect(isCrossSite(req('POST', { origin: 'null' }), url)).toBe(true);
	});
	it('refuses a request without Origin that the browser marks as cross-site or same-site', () => {
		expect(isCrossSite(req('POST', { 'sec-fetch-site': 'cross-site' }), url)).toBe(true);
		expect(isCrossSite(req('POST', { 'sec-fetch-site': 'same-site' }), url)).toBe(true);
	});
	it('lets same-origin requests, reads, and non-browser clients through', () => {
		expect(isCrossSite(req('POST', { origin: 'http://localhost:3000' }), url)).toBe(false);
		expect(isCrossSite(req('POST', { 'sec-fetch-site': 'same-origin' }), url)).toBe(false);
		expect(isCrossSite(req('GET', { origin: 'http://evil.example' }), url)).toBe(false);
		expect(isCrossSite(req('POST', {}), url)).toBe(false);
	});
});
