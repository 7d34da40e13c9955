// GET /api/calls/:id — the call as the simulator needs it to resume: state, timeline, CRM record, clock.
import { json } from '@sveltejs/kit';
import { ownCall } from '$lib/server/calls/api';
import { elapsedMs } from '$lib/server/calls/service';
import { loadCrmRecord, loadEvents } from '$lib/server/calls/timeline';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const GET = apiHandler(async (event: RequestEvent) => {
	const call = ownCall(event);
	return json({
		id: call.id,
		scenarioSlug: call.scenarioSlug,
		state: call.state,
		mode: call.mode,
		elapsedMs: elapsedMs(call),
		anger: call.anger,
		events: loadEvents(call.id),
		crm: loadCrmRecord(call.id)
	});
});
