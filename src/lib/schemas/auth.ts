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

const email = z.string().trim().min(1, { error: () => m.auth_enter_email() }).max(254, { error: () => m.form_max_chars({ max: formatInteger(254) }) }).email({ error: () => m.auth_email_invalid() });

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
	password: z.string().min(1, { error: () => m.auth_enter_password() }).max(200, { error: () => m.form_max_chars({ max: formatInteger(200) }) }),
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
	z.array(z.enum(ROLES, { error: () => m.users_roles_from_list() })).min(1, { error: () => m.users_role_required() })
);

/** An optional id picked from a list ('' = none). */
const optionalId = (message: () => string) =>
	z
		.string({ error: message })
		.regex(/^\d{0,9}$/, { error: message })
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.pipe(z.number({ error: message }).int({ error: message }).positive({ error: message }).nullable());
const cohortId = optionalId(() => m.users_cohort_from_list());

export const createUserSchema = z.object({
	name: displayText({ min: 1, minMessage: () => m.users_enter_name(), max: 120 }),
	email,
	roles,
	cohortId,
	password
});

export const updateUserSchema = z.object({
	name: displayText({ min: 1, minMessage: () => m.users_enter_name(), max: 120 }),
	roles,
	cohortId
});

export const resetPasswordSchema = z.object({ password });

export const cohortSchema = z.object({
	name: displayText({ min: 1, minMessage: () => m.cohort_enter_name(), max: 80 }),
	trainerId: optionalId(() => m.cohort_trainer_from_list())
});

const pickTrainees = () => m.cohort_trainees_from_list();
const pickTrainee = () => m.cohort_trainee_from_list();

export const cohortMembersSchema = z.object({
	trainees: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.transform((list) => list.map(Number))
		.pipe(z.array(z.number({ error: pickTrainees }).int({ error: pickTrainees }).positive({ error: pickTrainees })))
});

/** One trainee added to or removed from a cohort (the id of a row on the cohort page). */
export const cohortMemberSchema = z.object({
	userId: z
		.string({ error: pickTrainee })
		.regex(/^\d{1,9}$/, { error: pickTrainee })
		.transform(Number)
		.pipe(z.number().int().positive({ error: pickTrainee }))
});

/** The cohort page's trainee search (query parameters): a malformed cursor means the first page. */
export const cohortSearchSchema = z.object({
	q: z.string().trim().max(120).optional().catch(undefined).transform((v) => v || undefined),
	after: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)
});
