// Every request: request id, session, route-group guard, body limit, security headers, JSON errors for APIs.
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { GROUP_ACCESS, hasAnyRole, routeGroup } from '$lib/domain/roles';
import { SESSION_COOKIE, deleteSessionCookie, setSessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { ApiFailure, apiError, bodyLimitFor, httpCode, isCrossSite, readLimited } from '$lib/server/http';
import { closeDatabase } from '$lib/server/db';
import '$lib/schemas/zod-locale';
import { runStartup } from '$lib/server/startup';
import { warmUp } from '$lib/server/warm-up';
import { stopRenderPool } from '$lib/server/content/render-pool';
import { dev } from '$app/environment';
import { stopNotificationJob } from '$lib/server/notifications/job';
import { ConcurrencyGate, LagMonitor, admittedAt, isNeverShed, shedSettingsFromEnv } from '$lib/server/load-shed';
import { busyAnswer } from '$lib/busy-answer.js';
import { getTextDirection } from '$lib/paraglide/runtime';
import { inRequestLocale } from '$lib/server/in-locale';
import { m } from '$lib/paraglide/messages';
import { limitHeapGrowth, startIdleCollector } from '$lib/server/idle-gc';

export const init: ServerInit = async () => {
	await runStartup();
	// Every route's modules and the render workers are loaded before the server listens: no request is accepted cold.
	if (!dev) {
		const warm = await warmUp();
		console.log(
			`warm: ${warm.modules} route modules loaded, Markdown renderer ${warm.renderer ? 'ready' : 'NOT ready'}, ${warm.courses} published courses and ${warm.scenarios} scenarios parsed, tone sentence encoder ${warm.toneEncoder ? 'ready' : 'off'}, in ${warm.ms} ms`
		);
		// the garbage of a burst of load goes back to the system seconds after it, not a minute (IDLE_GC=0: off)
		startIdleCollector();
		// and the heap grows by a quarter between collections under load, not up to four times (HEAP_GROWTH_PERCENT)
		limitHeapGrowth();
	}
	// The database is closed last, after the notification job's process has exited: the last connection to close
	// checkpoints the WAL and removes it, and a job killed while it was still loading never closes its own.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void Promise.all([stopNotificationJob(5_000), stopRenderPool()]).finally(() => closeDatabase());
	});
};

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'microphone=(self), camera=(), geolocation=()',
	'cross-origin-opener-policy': 'same-origin'
};

function isApi(url: URL) {
	return url.pathname.startsWith('/api/');
}

function isPageRead(request: Request, url: URL) {
	return (request.method === 'GET' || request.method === 'HEAD') && !isApi(url);
}

/**
 * A POST naming SvelteKit's reserved action `?/default` (it takes the first `?/name` parameter): SvelteKit throws a
 * plain Error for it, a 500 on every page with actions. The default action is posted to the page without a name.
 */
function namesDefaultAction(request: Request, url: URL) {
	if (request.method !== 'POST' || isApi(url)) return false;
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key === '/default';
	return false;
}

/** With several app processes (WEB_CONCURRENCY), request ids say which one answered: `w2-…` (errors are logged there). */
const WORKER_TAG = process.env.CALLCRAFT_WORKER ? `w${process.env.CALLCRAFT_WORKER}-` : '';

const shedSettings = shedSettingsFromEnv();
const gate = new ConcurrencyGate(shedSettings);
const lag = new LagMonitor();
if (shedSettings.lagMs > 0) lag.start();

/** The answer to a shed request: JSON for fetches and APIs, a short page for a browser (which retries a GET). */
function busyResponse(request: Request, url: URL, reason: 'lag' | 'late' | 'queue'): Response {
	const answer = busyAnswer({ method: request.method, pathname: url.pathname, accept: request.headers.get('accept'), retryAfterS: shedSettings.retryAfterS, reason });
	return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export const handle: Handle = async ({ event, resolve }) => {
	if (isNeverShed(event.url.pathname)) return handleAdmitted({ event, resolve });
	if (shedSettings.lagMs > 0 && lag.currentLagMs() > shedSettings.lagMs) return busyResponse(event.request, event.url, 'lag');
	// Through scripts/server.js the wait counts from the front door's admission (adapter-node passes the Node request
	// as platform.req): a request that waited on a busy event loop past SHED_QUEUE_MS is refused, not served late.
	const since = admittedAt(event.platform?.req);
	if (since !== undefined && gate.refuseLate(since)) return busyResponse(event.request, event.url, 'late');
	if (!(await gate.acquire(since, since !== undefined))) return busyResponse(event.request, event.url, 'queue');
	try {
		return await handleAdmitted({ event, resolve });
	} finally {
		gate.release();
	}
};

const handleAdmitted: Handle = async ({ event, resolve }) => {
	event.locals.requestId = WORKER_TAG + crypto.randomUUID().slice(0, 8);
	const secure = event.url.protocol === 'https:';

	const token = event.cookies.get(SESSION_COOKIE);
	const valid = token ? validateSessionToken(token) : null;
	event.locals.user = valid?.user ?? null;
	event.locals.session = valid?.session ?? null;
	if (valid) setSessionCookie(event.cookies, token!, valid.session.expiresAt, secure);
	else if (token) deleteSessionCookie(event.cookies, secure);

	const response = await withLocale({ event, resolve });
	for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(k)) response.headers.set(k, v);
	if (!response.headers.has('content-security-policy')) {
		response.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	}
	response.headers.set('x-request-id', event.locals.requestId);
	// What a signed-in person sees is theirs: no shared cache and no copy on disk (a back button after sign-out, a
	// proxy). Downloads and APIs that choose their own caching keep it.
	if (event.locals.user && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
	return response;
};

/**
 * The request's language (account setting → cookie → Accept-Language → English, see paraglide.config.js), kept for
 * everything this request renders (`inRequestLocale`); `<html lang>` and `dir` are filled in here.
 */
const withLocale: Handle = ({ event, resolve }) =>
	inRequestLocale(event.request, event.url, event.locals.user?.locale, (locale) => {
		event.locals.locale = locale;
		const dir = textDirection(locale);
		return guardAndResolve({
			event,
			resolve: (e, opts) =>
				resolve(e, {
					...opts,
					transformPageChunk: async (chunk) => {
						const html = (await opts?.transformPageChunk?.(chunk)) ?? chunk.html;
						// one copy of the page (app.html's opening tag), not one per mark
						const filled = html.replace(HTML_TAG, `<html lang="${locale}" dir="${dir}">`);
						return filled !== html ? filled : html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', dir);
					}
				})
		});
	});
const HTML_TAG = '<html lang="%paraglide.lang%" dir="%paraglide.dir%">';
// Paraglide's getTextDirection asks Intl.Locale each time (1 % of a page's server time): once per language here.
const directions = new Map<string, string>();
const textDirection = (locale: string) => directions.get(locale) ?? directions.set(locale, getTextDirection(locale)).get(locale)!;

const guardAndResolve: Handle = async ({ event, resolve }) => {
	const { url, request, locals } = event;
	const routeId = event.route.id;
	if (isCrossSite(request, url)) {
		return apiError(403, 'cross_site', 'Requests from other sites are refused: use the CallCraft pages.');
	}
	if (routeId) {
		const group = routeGroup(routeId);
		const allowed = group && group in GROUP_ACCESS ? GROUP_ACCESS[group] : [];
		if (allowed !== null) {
			if (!locals.user) {
				if (isPageRead(request, url)) {
					const back = encodeURIComponent(url.pathname + url.search);
					return new Response(null, { status: 303, headers: { location: `/login?redirectTo=${back}` } });
				}
				return apiError(401, 'unauthenticated', 'Sign in first.');
			}
			// A temporary password (set by an admin) opens nothing but the password form: no pages, actions or APIs.
			if (locals.user.mustChangePassword && !routeId.startsWith('/(app)/account')) {
				if (isPageRead(request, url)) {
					return new Response(null, { status: 303, headers: { location: '/account/password?required=1' } });
				}
				return apiError(403, 'password_change_required', 'Choose a new password first (Account → Password).');
			}
			// Pages render their 403 through the group layout (requireRole); everything else is refused here.
			if (!hasAnyRole(locals.user.roles, allowed) && !isPageRead(request, url)) {
				return apiError(403, 'forbidden', 'You do not have access to this.');
			}
		}
		if (namesDefaultAction(request, url)) {
			return apiError(404, 'not_found', 'This page has no form action named "default"; post the form to the page itself.');
		}
		const limit = bodyLimitFor(routeId);
		const tooLarge = () => apiError(413, 'payload_too_large', `The request body is too large (limit ${Math.round(limit / 1024)} KB).`);
		const length = Number(request.headers.get('content-length') ?? 0);
		if (length > limit) return tooLarge();
		// A chunked body announces no length: read it here, up to the limit, so it cannot slip past.
		if (!request.headers.has('content-length') && request.headers.has('transfer-encoding') && request.body) {
			const body = await readLimited(request.body, limit);
			if (!body) return tooLarge();
			event.request = new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
		}
	}
	return resolve(event);
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? crypto.randomUUID().slice(0, 8);
	if (error instanceof ApiFailure) return { message: error.message, code: error.code, requestId };
	if (status === 404) return { message: m.error_not_found(), code: 'not_found', requestId };
	// SvelteKit's own refusals of a malformed request (a form action sent as JSON, a POST to a page without actions):
	// the client's mistake, told as SvelteKit words it; nothing to log.
	if (status < 500) return { message: error instanceof Error ? error.message : message, code: httpCode(status), requestId };
	console.error(`[${requestId}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: m.error_internal(), code: 'internal', requestId };
};
