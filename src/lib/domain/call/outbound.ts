// Outbound calls: the trainee dials the customer from the CRM record, the phone rings, and the scenario scripts what
// happens: the customer answers, a voicemail greeting plays, nobody answers, or a stranger answers (a wrong number).

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
