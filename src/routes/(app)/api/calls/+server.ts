// POST /api/calls — start a practice call (it rings until answered); GET — the signed-in user's calls.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { startCallSchema } from '$lib/schemas/call-api';
import { parseCallBody } from '$lib/server/calls/api';
import { listCallsOf, startCall } from '$lib/server/calls/service';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const POST = apiHandler(async (event: RequestEvent) => {
	const user = requireUser(event);
	const { scenarioSlug, mode } = await parseCallBody(event, startCallSchema);
	const call = startCall(user.id, scenarioSlug, new Date(), mode);
	return json({ id: call.id, state: call.state, mode: call.mode, url: `/calls/${call.id}` }, { status: 201 });
});

export const GET = apiHandler(async (event: RequestEvent) => {
	const user = requireUser(event);
	return json({ calls: listCallsOf([user.id]).map(({ userId: _u, ...c }) => c) });
});
