// The simulator page: loads the call (resuming it after a reload) with everything the mock CRM shows.
import { outboundOutcome, ringingMs } from '$lib/domain/call/outbound';
import { VOICE_SCORABLE } from '$lib/domain/languages';
import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { callForPage } from '$lib/server/calls/api';
import { coachingOf, elapsedMs, scenarioOf } from '$lib/server/calls/service';
import { initialCallState, replayCall, type CallEngineState } from '$lib/domain/call';
import { loadCrmRecord, loadEvents } from '$lib/server/calls/timeline';
import { directoryFor, loadCrmContent } from '$lib/server/calls/crm-content';
import type { SimulatorData } from '$lib/sim/simulator-data';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event): Promise<SimulatorData> => {
	const user = requireUser(event);
	const call = callForPage(event, user, { ownOnly: true });
	if (call.state === 'completed') redirect(303, `/calls/${call.id}/result`);
	const scenario = scenarioOf(call);
	const { kb, templates, decoys } = loadCrmContent();
	const events = loadEvents(call.id);
	const engine =
		(call.engineState as CallEngineState | null) ??
		(events.length ? replayCall(scenario, events.map((e) => e.event)).state : initialCallState(scenario));
	return {
		call: { id: call.id, state: call.state, mode: call.mode, elapsedMs: elapsedMs(call), anger: call.anger, endedAt: call.endedAt?.getTime() ?? null },
		coaching: coachingOf(call, engine, events) ?? null,
		events,
		crm: loadCrmRecord(call.id),
		scenario: {
			title: scenario.title,
			company: scenario.company,
			difficulty: scenario.difficulty,
			callDate: scenario.callDate,
			queue: scenario.queue,
			callerPhone: scenario.caller.phone,
			callerFirstName: scenario.caller.firstName,
			holdLimitSeconds: scenario.holdLimitSeconds,
			silenceSeconds: scenario.anger.dynamics.silenceSeconds,
			acwLimitSeconds: scenario.afterCallWork.timeLimitSeconds,
			language: scenario.language,
			voiceScorable: VOICE_SCORABLE[scenario.language],
			direction: scenario.direction ?? 'inbound',
			outcome: outboundOutcome(scenario),
			ringMs: ringingMs(scenario),
			callerAccountId: scenario.caller.account.id,
			callbackNumber: scenario.outbound?.callbackNumber ?? null
		},
		directory: directoryFor(scenario.caller, decoys),
		kb,
		templates,
		agentName: user.name,
		reference: `TCK-${call.id.slice(0, 6).toUpperCase()}`
	};
};
