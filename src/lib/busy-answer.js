// The server's "busy" answer (load shedding: 503 + Retry-After, code `busy`) in plain JavaScript, so that the
// SvelteKit hook, the front door of `scripts/server.js` (which runs before SvelteKit, without a build step) and the
// browser helpers (`$lib/busy`) share one text and one shape.

export const BUSY_CODE = 'busy';
export const BUSY_MESSAGE = 'The server is busy right now; retrying shortly.';

const PAGE_RETRY = 'The server is busy right now. This page tries again in a moment.';
const FORM_NOT_SENT =
	'The server is busy right now, and your form was not sent. Go back and send it again in a moment: what you typed is still there.';

/** Headers every refusal carries besides its content type: no caching, the usual hardening, a CSP that allows nothing. */
const REFUSAL_HEADERS = {
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'microphone=(self), camera=(), geolocation=()',
	'cross-origin-opener-policy': 'same-origin',
	'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
};

/**
 * The refusal for one request: JSON `{ error: { code: 'busy', message } }` for APIs and fetches; for a browser asking
 * for a page, a short page that reloads itself after Retry-After + 1 s; for a browser form post, a page saying the form
 * was not sent (the browser's Back keeps what was typed; nothing is resent behind the user's back).
 * `reason` goes out as `x-shed-reason` (for operators and bench:soak): `lag` (the event loop ran late), `full` (the
 * front door's limit + queue were inside), `late` (admitted, but waited past SHED_QUEUE_MS before the app got to it),
 * `queue` (the gate's queue: full, or its wait ran out).
 * @param {{ method: string, pathname: string, accept: string | null | undefined, retryAfterS: number, reason?: 'lag' | 'full' | 'late' | 'queue' }} request
 * @returns {{ status: 503, headers: Record<string, string>, body: string }}
 */
export function busyAnswer({ method, pathname, accept, retryAfterS, reason }) {
	const headers = { ...REFUSAL_HEADERS, 'retry-after': String(retryAfterS), ...(reason ? { 'x-shed-reason': reason } : {}) };
	const wantsHtml = !pathname.startsWith('/api/') && (accept ?? '').includes('text/html');
	if (!wantsHtml) {
		return {
			status: 503,
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ error: { code: BUSY_CODE, message: BUSY_MESSAGE } })
		};
	}
	const retry = method === 'GET' || method === 'HEAD';
	const refresh = retry ? `<meta http-equiv="refresh" content="${retryAfterS + 1}">` : '';
	const body = `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>Busy · CallCraft</title></head><body><p role="alert" data-testid="error-message">${retry ? PAGE_RETRY : FORM_NOT_SENT}</p></body></html>`;
	return { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }, body };
}
