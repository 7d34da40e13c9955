import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isDatabaseReachable } from '$lib/server/db';

export const GET: RequestHandler = () => {
	const db = isDatabaseReachable();
	return json({ status: db ? 'ok' : 'degraded', db }, { status: db ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
