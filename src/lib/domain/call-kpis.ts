// Call-centre KPIs of one finished call, from its timeline and score: hold time, first-contact resolution and
// record accuracy. Pure, so certification rules and reports compute them the same way everywhere.
import type { TimelineEvent } from './call/events';
import type { CrmRecord, InteractionStatus } from './crm';

/** Interaction statuses that mean the customer's matter was settled on this contact. */
export const RESOLVED_STATUSES: readonly InteractionStatus[] = ['Resolved', 'Closed'];

export interface CallKpis {
	/** Seconds the caller spent on hold (an unfinished hold counts until the call ended). */
	holdSeconds: number;
	/** Resolved on first contact: the interaction was logged Resolved/Closed and the call was not transferred. */
	resolvedFirstContact: boolean;
	/** Mean credit of the record's fields, 0–100 (0 when the scenario checks no fields). */
	recordAccuracy: number;
}

export function holdSecondsOf(events: readonly TimelineEvent[]): number {
	let total = 0;
	let since: number | null = null;
	let lastT = 0;
	for (const e of events) {
		lastT = e.t;
		if (e.type === 'hold_start' && since === null) since = e.t;
		else if (e.type === 'hold_end' && since !== null) {
			total += e.t - since;
			since = null;
		} else if (e.type === 'call_ended' && since !== null) {
			total += e.t - since;
			since = null;
		}
	}
	if (since !== null) total += lastT - since;
	return Math.round(total / 100) / 10;
}

export function callKpis(
	events: readonly TimelineEvent[],
	record: CrmRecord,
	fieldCredits: readonly number[]
): CallKpis {
	const status = record.interaction.status ?? '';
	const transferred = events.some((e) => e.type === 'transfer');
	const accuracy = fieldCredits.length ? (fieldCredits.reduce((a, b) => a + b, 0) / fieldCredits.length) * 100 : 0;
	return {
		holdSeconds: holdSecondsOf(events),
		resolvedFirstContact: (RESOLVED_STATUSES as readonly string[]).includes(status) && !transferred,
		recordAccuracy: Math.round(accuracy * 10) / 10
	};
}
