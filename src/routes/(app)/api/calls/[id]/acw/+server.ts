// POST /api/calls/:id/acw — after-call work done (acknowledgement e-mail or null); the call is scored.
import { json } from '@sveltejs/kit';
import { acwSchema } from '$lib/schemas/call-api';
import { ownCall, parseCallBody } from '$lib/server/calls/api';
import { finishAfterCallWork } from '$lib/server/calls/service';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const POST = apiHandler(async (event: RequestEvent) => {
	const call = ownCall(event);
	const { email } = await parseCallBody(event, acwSchema);
	finishAfterCallWork(call, email);
	return json({ state: 'completed', resultUrl: `/calls/${call.id}/result` });
});
