// Where to point when a deduction is about something that never happened: the end of the call.

import type { TimelineEvent } from '../domain/call/events';
import type { Evidence } from './types';

/** The after-call-work save, else the call's end, else the last event. */
export function closingEvidence(events: readonly TimelineEvent[], note?: string): Evidence[] {
	let index = events.findLastIndex((e) => e.type === 'acw_saved');
	if (index < 0) index = events.findLastIndex((e) => e.type === 'call_ended');
	if (index < 0) index = events.length - 1;
	return [{ eventIndex: Math.max(0, index), ...(note ? { note } : {}) }];
}

/** The call's end (or the last event). */
export function callEndEvidence(events: readonly TimelineEvent[], note?: string): Evidence[] {
	let index = events.findIndex((e) => e.type === 'call_ended');
	if (index < 0) index = events.length - 1;
	return [{ eventIndex: Math.max(0, index), ...(note ? { note } : {}) }];
}

export function round1(x: number): number {
	return Math.round(x * 10) / 10;
}
