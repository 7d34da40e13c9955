// What the simulator page's server load hands the browser (no ground truth, no dialogue script).
import type { ContentLanguage } from '$lib/domain/languages';
import type { CallDirection, OutboundOutcome } from '$lib/domain/call/outbound';
import type { CallMode, CallState } from '$lib/domain/call-lifecycle';
import type { Coaching } from '$lib/scoring/coaching';
import type { CrmRecord } from '$lib/domain/crm';
import type { ScenarioCaller } from '$lib/schemas/scenario';
import type { StoredEvent } from '$lib/schemas/call-api';

export interface SimulatorData {
	call: { id: string; state: CallState; mode: CallMode; elapsedMs: number; anger: number; endedAt: number | null };
	/** Practice calls: the live coaching so far; null on assessment calls (they show none). */
	coaching: Coaching | null;
	events: StoredEvent[];
	crm: CrmRecord | null;
	scenario: {
		title: string;
		company: string;
		difficulty: string;
		/** The day the call takes place (YYYY-MM-DD): the CRM shows it as today, and relative dates count from it. */
		callDate: string;
		queue: { ivrChoice: string; reasonCode: string };
		callerPhone: string;
		callerFirstName: string;
		holdLimitSeconds: number;
		/** Seconds of dead air before the caller speaks up. */
		silenceSeconds: number;
		acwLimitSeconds: number;
		/** The call's language (the scenario's). */
		language: ContentLanguage;
		/** Whether spoken answers in that language can be scored (VOICE_SCORABLE); if not, voice mode is off. */
		voiceScorable: boolean;
		/** Outbound calls are dialled from the customer's CRM record, then ring for `ringMs` before the outcome. */
		direction: CallDirection;
		outcome: OutboundOutcome | null;
		ringMs: number;
		/** The account the trainee dials (an outbound call opens it). */
		callerAccountId: string;
		/** The company's number to leave on a voicemail (shown in the CRM bar). */
		callbackNumber: string | null;
	};
	directory: ScenarioCaller[];
	kb: { id: string; title: string; summary: string; tags: string[]; html: string }[];
	templates: { id: string; name: string; subject: string; body: string }[];
	agentName: string;
	reference: string;
}
