// Issue #19 (3, 4): state-changing requests from another site are refused even without a body, on every route;
// a sign-in with an odd redirectTo never half-succeeds.
import { expect, test } from '@playwright/test';
import { account, loginRequest } from './fixtures';
import { ROUTE_MATRIX } from '../route-matrix';

const EVIL = 'http://evil.example';

test('cross-site POSTs without a body cannot answer, end or silence a call, open a speech stream or sign out', async ({ playwright, baseURL }) => {
	const ctx = await playwright.request.newContext({ baseURL });
	await loginRequest(ctx, 'fay', baseURL!);
	const own = { headers: { origin: baseURL! } };
	const evil = { headers: { origin: EVIL } };
	const started = await ctx.post('/api/calls', { ...own, data: { scenarioSlug: 'sales-enquiry' } });
	expect(started.status()).toBe(201);
	const id = (await started.json()).id;

	expect((await ctx.post(`/api/calls/${id}/answer`, evil)).status()).toBe(403);
	expect((await ctx.post(`/api/calls/${id}/answer`, own)).status()).toBe(200);
	for (const path of [`/api/calls/${id}/end`, `/api/calls/${id}/silence`, '/api/speech/streams', '/logout']) {
		const res = await ctx.post(path, evil);
		expect(res.status(), path).toBe(403);
		expect((await res.json()).error.code, path).toBe('cross_site');
	}
	// The browser's own marker without an Origin header is refused too.
	expect((await ctx.post(`/api/calls/${id}/end`, { headers: { 'sec-fetch-site': 'same-site' } })).status()).toBe(403);
	// Nothing happened: the call is still live and the session still signed in.
	const call = await (await ctx.get(`/api/calls/${id}`)).json();
	expect(call.state).toBe('active');
	expect((await ctx.post(`/api/calls/${id}/end`, own)).status()).toBe(200);
	await ctx.dispose();
});

test('every route of the route tree refuses a cross-site POST', async ({ playwright, baseURL }) => {
	const ctx = await playwright.request.newContext({ baseURL });
	await loginRequest(ctx, 'admin', baseURL!);
	for (const [routeId, c] of Object.entries(ROUTE_MATRIX)) {
		const res = await ctx.post(c.path, { headers: { origin: EVIL }, maxRedirects: 0 });
		expect(res.status(), routeId).toBe(403);
	}
	await ctx.dispose();
});

test('a sign-in with a non-ASCII redirectTo lands there instead of failing half-way', async ({ playwright, baseURL }) => {
	const ctx = await playwright.request.newContext({ baseURL });
	const u = account('fay');
	const res = await ctx.post('/login', {
		form: { email: u.email, password: u.password, redirectTo: '/\u3002x' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
	expect(res.headers().location).toBe('/%E3%80%82x');
	// signed in now: the same odd redirectTo on the sign-in page sends the user on, never a 500
	const page = await ctx.get('/login?redirectTo=%2F%E3%80%82x', { maxRedirects: 0 });
	expect(page.status()).toBe(303);
	expect(page.headers().location).toBe('/%E3%80%82x');
	await ctx.dispose();
});
