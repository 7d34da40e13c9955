import { test, expect, request as playwrightRequest } from '@playwright/test';
import { ROUTE_MATRIX, type Visitor } from '../route-matrix';
import { loginRequest } from './fixtures';

const VISITORS: { visitor: Visitor; account: string | null }[] = [
	{ visitor: 'anon', account: null },
	{ visitor: 'trainee', account: 'fay' },
	{ visitor: 'trainer', account: 'tom' },
	{ visitor: 'admin', account: 'admin' }
];

for (const { visitor, account } of VISITORS) {
	test(`every route answers ${visitor} with the expected status`, async ({ baseURL }) => {
		const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.9' } });
		if (account) await loginRequest(ctx, account, baseURL!);
		const wrong: string[] = [];
		for (const [id, c] of Object.entries(ROUTE_MATRIX)) {
			const res =
				c.method === 'POST'
					? await ctx.post(c.path, { data: c.body ?? {}, headers: { origin: baseURL! }, maxRedirects: 0 })
					: await ctx.get(c.path, { maxRedirects: 0 });
			if (res.status() !== c.expect[visitor]) wrong.push(`${id} ${c.method ?? 'GET'} ${c.path}: got ${res.status()}, expected ${c.expect[visitor]}`);
		}
		await ctx.dispose();
		expect(wrong).toEqual([]);
	});
}
