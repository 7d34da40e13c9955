// POST /api/calls/:id/silence — the browser noticed dead air; the caller may speak up ("Are you still there?").
import { json } from '@sveltejs/kit';
import { ownCall } from '$lib/server/calls/api';
import { promptSilence } from '$lib/server/calls/service';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const POST = apiHandler(async (event: RequestEvent) => {
	const reaction = promptSilence(ownCall(event));
	return reaction ? json(reaction) : new Response(null, { status: 204 });
});
