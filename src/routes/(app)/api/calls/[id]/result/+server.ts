// GET /api/calls/:id/result — the score with its evidence, after trainer overrides (trainers may read their
// cohorts' calls too).
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { ApiFailure, apiHandler } from '$lib/server/http';
import { getCallFor } from '$lib/server/calls/service';
import { callResultView } from '$lib/server/calls/results';
import type { RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';

export const GET = apiHandler(async (event: RequestEvent) => {
	const user = requireUser(event);
	const call = getCallFor(user, event.params.id);
	if (call.state !== 'completed') throw new ApiFailure(409, 'not_scored', m.api_not_scored());
	return json(callResultView(call));
});
