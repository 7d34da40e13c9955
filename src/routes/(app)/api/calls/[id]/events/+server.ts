// POST /api/calls/:id/events — one trainee action on the timeline (utterance, CRM edit or save, lookup, hold,
// resume, transfer); answers with the caller's reaction. Retries with the same clientId are stored once.
import { json } from '@sveltejs/kit';
import { postEventSchema } from '$lib/schemas/call-api';
import { ownCall, parseCallBody } from '$lib/server/calls/api';
import { appendClientEvent } from '$lib/server/calls/service';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const POST = apiHandler(async (event: RequestEvent) => {
	const call = ownCall(event);
	const body = await parseCallBody(event, postEventSchema);
	return json(appendClientEvent(call, body.clientId, body.event));
});
