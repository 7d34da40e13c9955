// Outbound calls: the trainee dials the customer from the CRM record, the phone rings, and the scenario scripts what
// happens: the customer answers, a voicemail greeting plays, nobody answers, or a stranger answers (a wrong number).
import { needsNoReport } from '../crm';

/** Who started the call: the customer (inbound, the default) or the agent (outbound, dialled from the CRM). */
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** What happens when an outbound call is dialled. */
export const OUTBOUND_OUTCOMES = ['answer', 'voicemail', 'no_answer', 'wrong_number'] as const;
export type OutboundOutcome = (typeof OUTBOUND_OUTCOMES)[number];

/** Outcomes where the person on the line is not (or may not be) the customer: nothing personal may be said. */
export const NOT_THE_CUSTOMER: readonly OutboundOutcome[] = ['voicemail', 'wrong_number'];

/** One ring of the phone, ms. The most rings a scenario may ask for keeps the ringing under the dead-air limit. */
export const RING_MS = 2000;
export const MAX_RINGS = 4;

interface OutboundPart {
	/** optional: a call stored before outbound calls existed has a scenario snapshot without it */
	direction?: CallDirection;
	outbound?: { outcome: OutboundOutcome; rings: number };
}

/** How long the phone rings before the scripted outcome (0 for an inbound call, which the trainee answers). */
export function ringingMs(scenario: OutboundPart): number {
	return scenario.direction === 'outbound' && scenario.outbound ? scenario.outbound.rings * RING_MS : 0;
}

export function outboundOutcome(scenario: OutboundPart): OutboundOutcome | null {
	return scenario.direction === 'outbound' ? (scenario.outbound?.outcome ?? null) : null;
}

/**
 * What a call's results page and the scenario's dry run say about how the call ends, when there is something to
 * say: an outbound call (what dialling leads to), or a call whose status needs no detailed report (the status is the
 * report). Null for an ordinary inbound call.
 */
export interface CallOutcomeSummary {
	/** outbound: what dialling led to; null for an inbound call */
	outcome: OutboundOutcome | null;
	/** the status the call should be logged with */
	status: string;
	/** that status is the whole report (wrong number, no answer, call back later) */
	noReport: boolean;
	/** a callback task is expected (its date and time) */
	callback: { date: string; time: string | null } | null;
}

export function callOutcomeSummary(
	scenario: OutboundPart & { truth: { interaction: { status: string; followUpDate?: string | null; followUpTime?: string | null } } }
): CallOutcomeSummary | null {
	const outcome = outboundOutcome(scenario);
	const { status, followUpDate, followUpTime } = scenario.truth.interaction;
	if (outcome === null && !needsNoReport(status)) return null;
	return {
		outcome,
		status,
		noReport: needsNoReport(status),
		callback: followUpDate ? { date: followUpDate, time: followUpTime ?? null } : null
	};
}
