// Edge helpers: JSON errors in one shape, zod parsing of JSON bodies and forms, body-size limits.
import { fail, isHttpError, json, type ActionFailure, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { checkJson, limitStatus } from '$lib/schemas/limits';
import { formatInteger } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';

export interface ApiErrorBody {
	error: { code: string; message: string; field?: string };
}

export function apiError(status: number, code: string, message: string, field?: string, headers?: HeadersInit) {
	const body: ApiErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
	return json(body, { status, headers });
}

/** Thrown by parse helpers and handlers; `apiHandler` turns it into the JSON error response. */
export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly field?: string,
		readonly headers?: HeadersInit
	) {
		super(message);
	}
	toResponse() {
		return apiError(this.status, this.code, this.message, this.field, this.headers);
	}
}

function zodIssueToFailure(issue: z.core.$ZodIssue, status = 422): ApiFailure {
	const field = issue.path.map(String).join('.') || undefined;
	return new ApiFailure(status, 'invalid_input', field ? `${field}: ${issue.message}` : issue.message, field);
}

/** Parse a JSON request body with `schema`; 400 on malformed JSON, 422 with the first bad field otherwise. */
export async function parseJsonBody<S extends z.ZodType>(event: Pick<RequestEvent, 'request'>, schema: S): Promise<z.infer<S>> {
	let raw: unknown;
	let text: string;
	try {
		text = await event.request.text();
	} catch {
		throw new ApiFailure(400, 'malformed_json', m.api_body_unreadable());
	}
	const tooDeep = checkJson(text);
	if (tooDeep) throw new ApiFailure(limitStatus(tooDeep.limit), 'limit_json_depth', tooDeep.message);
	try {
		raw = JSON.parse(text);
	} catch {
		throw new ApiFailure(400, 'malformed_json', m.api_body_not_json());
	}
	const parsed = schema.safeParse(raw, { error: apiIssueMessage });
	if (!parsed.success) throw zodIssueToFailure(parsed.error.issues[0]);
	return parsed.data;
}

export type FieldErrors = Record<string, string>;
/** Typed form values sent back on failure (a repeated field becomes a list; passwords are never echoed). */
export type FormValues = Record<string, string | string[]>;
export interface FormFailure {
	errors: FieldErrors;
	values: FormValues;
}

/** First message per field. A problem with one value of a repeated field (`roles.1`) belongs to the field (`roles`). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const path = [...issue.path];
		while (typeof path.at(-1) === 'number') path.pop();
		const key = path.map(String).join('.') || '_form';
		out[key] ??= issue.message;
	}
	return out;
}

const count = (n: number | bigint) => formatInteger(Number(n));

/**
 * Messages for what a schema leaves to zod's defaults ("Invalid input: expected string, received array"), phrased for
 * someone filling in a form, in the request's language (Paraglide's middleware in hooks.server.ts has set it for
 * everything the request runs). A message the schema gives itself always wins.
 */
export const formIssueMessage: z.core.$ZodErrorMap = (issue) => {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.input === undefined) return m.form_missing();
			if (Array.isArray(issue.input)) return m.form_repeated();
			return issue.expected === 'number' ? m.form_number() : m.form_invalid();
		case 'too_big':
			if (issue.origin === 'string') return m.form_max_chars({ max: count(issue.maximum) });
			if (issue.origin === 'array' || issue.origin === 'set') return m.form_max_choose({ max: count(issue.maximum) });
			return m.form_max({ max: count(issue.maximum) });
		case 'too_small':
			if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? m.form_fill_in() : m.form_min_chars({ min: count(issue.minimum) });
			if (issue.origin === 'array' || issue.origin === 'set') return m.form_min_choose({ min: count(issue.minimum) });
			return m.form_min({ min: count(issue.minimum) });
		case 'invalid_value':
		case 'invalid_union':
			return m.form_choose_option();
		case 'invalid_format':
			return m.form_format();
		case 'unrecognized_keys':
			return m.form_unknown_fields({ keys: issue.keys.join(', ') });
		default:
			return undefined;
	}
};

/** The same for JSON bodies (the simulator shows them), worded for a value rather than a form field. */
export const apiIssueMessage: z.core.$ZodErrorMap = (issue) => {
	if (issue.code === 'invalid_type' && issue.input === undefined) return m.api_missing();
	if (issue.code === 'unrecognized_keys') return m.api_unknown_fields({ keys: issue.keys.join(', ') });
	return formIssueMessage(issue);
};

/**
 * One line for pages that show a single message: each problem, after the label of its field for the fields the user
 * sees (`labels`); hidden fields' schemas word their own messages ("Choose a trainer.").
 */
export function errorSummary(errors: FieldErrors, labels: Record<string, string> = {}): string {
	return Object.entries(errors)
		.map(([field, message]) => (labels[field] ? `${labels[field]}: ${message}` : message))
		.join(' ');
}

/** The form of a request, or null when the body is not a readable form (text/plain, broken multipart, …). */
async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/**
 * Parse a form with `schema`. On failure returns `fail(400, { errors, values })` so the page can show the same form
 * with the typed values kept (passwords are never echoed back). `form` is the raw FormData for fields a schema cannot
 * name in advance (quiz answers).
 */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<{ ok: true; data: z.infer<S>; values: FormValues; form: FormData } | { ok: false; failure: ActionFailure<FormFailure> }> {
	const form = await readForm(request);
	if (!form) return { ok: false, failure: fail(400, { errors: { _form: m.form_unreadable() }, values: {} }) };
	// A Map, not an object literal: a field named `toString` must not meet Object.prototype (no form names a field
	// `__proto__`, so one is dropped rather than becoming an own property that later code would have to handle).
	const collected = new Map<string, string | string[]>();
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string' || key === '__proto__') continue;
		const prev = collected.get(key);
		collected.set(key, prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]);
	}
	const all: FormValues = Object.fromEntries(collected);
	const values = Object.fromEntries(Object.entries(all).filter(([key]) => !/password|confirm|current/i.test(key)));
	const parsed = schema.safeParse(all, { error: formIssueMessage });
	if (!parsed.success) return { ok: false, failure: fail(400, { errors: zodFieldErrors(parsed.error), values }) };
	return { ok: true, data: parsed.data, values, form };
}

/** Largest request body per route id; everything else gets DEFAULT_BODY_LIMIT. Features add their upload routes here. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const BODY_LIMITS: Record<string, number> = {
	// Course zip import: the action itself refuses > 5 MB with a clear message.
	'/(trainer)/trainer/courses': 6 * 1024 * 1024,
	// WAV uploads: up to 60 s of 16 kHz mono PCM16 (1.92 MB) within the 2 MB the speech API allows.
	'/(app)/api/speech/transcribe': 2 * 1024 * 1024,
	'/(app)/api/speech/analyze': 2 * 1024 * 1024,
	'/(app)/api/speech/streams/[id]': 2 * 1024 * 1024,
	// Recorded calls: one spoken turn, the same WAV format and limits as the speech API.
	'/(app)/api/calls/[id]/recording': 2 * 1024 * 1024
};

export function bodyLimitFor(routeId: string | null): number {
	return (routeId && BODY_LIMITS[routeId]) || DEFAULT_BODY_LIMIT;
}

/** The whole body if it is at most `limit` bytes, else null (reading stops as soon as the limit is passed). */
export async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			// Not cancelled: Node discards the rest once the 413 is sent, so the client still reads the answer.
			reader.releaseLock();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

/**
 * Wraps a JSON API handler: `ApiFailure` and SvelteKit `error()` (from requireRole etc.) become
 * `{ error: { code, message, field? } }` with their status; anything else is logged with the request id and becomes 500.
 */
export function apiHandler<E extends RequestEvent>(handler: (event: E) => Promise<Response> | Response) {
	return (async (event: E) => {
		try {
			return await handler(event);
		} catch (e) {
			if (e instanceof ApiFailure) return e.toResponse();
			if (isHttpError(e)) {
				const body = e.body as App.Error;
				return apiError(e.status, body.code ?? httpCode(e.status), body.message);
			}
			console.error(`[${event.locals.requestId}] ${event.request.method} ${event.url.pathname}`, e);
			return apiError(500, 'internal', `Something went wrong on our side (request ${event.locals.requestId}).`);
		}
	}) as unknown as RequestHandler;
}

export function httpCode(status: number): string {
	return ({ 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited' } as Record<number, string>)[status] ?? 'error';
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A state-changing request another site made the browser send: its Origin names another origin, or, without an
 * Origin, Sec-Fetch-Site says it is not same-origin. SvelteKit's own check covers only form bodies, so a POST with
 * no body or a JSON body (end a call, sign out) would pass it. A request with neither header is not from a browser
 * page, and so cannot be a cross-site forgery.
 */
export function isCrossSite(request: Request, url: URL): boolean {
	if (!STATE_CHANGING.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== url.origin;
	const site = request.headers.get('sec-fetch-site');
	return site !== null && site !== 'same-origin';
}
