// Shapes of the sign-in, password and user-management forms.
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import { z } from 'zod';
import { displayText } from './text';
import { ROLES } from '../domain/roles';

export const PASSWORD_MIN = 10;
const password = z
	.string()
	.min(PASSWORD_MIN, { error: () => m.form_min_chars({ min: formatInteger(PASSWORD_MIN) }) })
	.max(200, { error: () => m.form_max_chars({ max: formatInteger(200) }) });

const email = z.string().trim().min(1, 'Enter an e-mail address.').max(254).email('Enter a valid e-mail address.');

/** Only same-site paths; anything else falls back to the dashboard (no open redirects). */
export function safeRedirect(target: string | null | undefined): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
	// Browsers strip tabs and line breaks from URLs ("/\t/evil.example" → "//evil.example"); no control characters at all.
	if (/[\u0000-\u001f\u007f]/.test(target)) return '/';
	// Normalised as a browser would resolve it on our own origin, and sent back percent-encoded: a Location header
	// must be ASCII ("/。x" made the sign-in answer 500 after the session cookie was set).
	try {
		const base = 'http://callcraft.invalid';
		const url = new URL(target, base);
		if (url.origin !== base) return '/';
		return url.pathname + url.search + url.hash;
	} catch {
		return '/';
	}
}

export const loginSchema = z.object({
	email,
	password: z.string().min(1, 'Enter your password.').max(200),
	redirectTo: z.string().max(2000).optional()
});

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, { error: () => m.account_enter_current() }).max(200),
		password,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, { error: () => m.account_passwords_differ(), path: ['confirm'] })
	.refine((v) => v.password !== v.current, { error: () => m.account_password_same(), path: ['password'] });

/** Ticked role boxes: none, one (a string) or several (a list). */
const roles = z.preprocess(
	(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
	z.array(z.enum(ROLES, 'Choose roles from the list.')).min(1, 'Choose at least one role.')
);

/** An optional id picked from a list ('' = none). */
const optionalId = (message: string) =>
	z
		.string(message)
		.regex(/^\d{0,9}$/, message)
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.pipe(z.number(message).int(message).positive(message).nullable());
const cohortId = optionalId('Choose a cohort from the list.');

export const createUserSchema = z.object({
	name: displayText({ min: 1, minMessage: 'Enter a name.', max: 120 }),
	email,
	roles,
	cohortId,
	password
});

export const updateUserSchema = z.object({
	name: displayText({ min: 1, minMessage: 'Enter a name.', max: 120 }),
	roles,
	cohortId
});

export const resetPasswordSchema = z.object({ password });

export const cohortSchema = z.object({
	name: displayText({ min: 1, minMessage: 'Enter a cohort name.', max: 80 }),
	trainerId: optionalId('Choose a trainer from the list.')
});

export const cohortMembersSchema = z.object({
	trainees: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.transform((list) => list.map(Number))
		.pipe(z.array(z.number('Pick trainees from the list.').int('Pick trainees from the list.').positive('Pick trainees from the list.')))
});

/** One trainee added to or removed from a cohort (the id of a row on the cohort page). */
export const cohortMemberSchema = z.object({
	userId: z
		.string('Pick a trainee from the list.')
		.regex(/^\d{1,9}$/, 'Pick a trainee from the list.')
		.transform(Number)
		.pipe(z.number().int().positive('Pick a trainee from the list.'))
});

/** The cohort page's trainee search (query parameters): a malformed cursor means the first page. */
export const cohortSearchSchema = z.object({
	q: z.string().trim().max(120).optional().catch(undefined).transform((v) => v || undefined),
	after: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)
});
