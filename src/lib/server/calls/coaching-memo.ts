// Live coaching reads the whole timeline on every event. A call's timeline only grows and its scenario snapshot never
// changes, so the server keeps each open practice call's scenario and event objects between requests: the compiled
// phrases (cached per scenario object) and the analyses of earlier lines (cached per event object) are then reused,
// and only the new events are analysed. Bounded: the least recently used calls are dropped.
import type { TimelineEvent } from '$lib/domain/call/events';
import type { Scenario } from '$lib/schemas/scenario';

interface Entry {
	scenario: Scenario;
	events: TimelineEvent[];
}

export class TimelineMemo {
	#entries = new Map<string, Entry>();
	constructor(readonly capacity = 200) {}

	/**
	 * The scenario and events to coach on: the objects kept for this call where the timeline is unchanged, new ones
	 * for what was added. A timeline that does not extend the kept one (another process wrote it) starts afresh.
	 */
	take(callId: string, scenario: Scenario, events: readonly TimelineEvent[]): Entry {
		const kept = this.#entries.get(callId);
		this.#entries.delete(callId);
		let entry: Entry;
		if (kept && kept.events.length <= events.length && kept.events.every((e, i) => e.t === events[i].t && e.type === events[i].type)) {
			entry = { scenario: kept.scenario, events: [...kept.events, ...events.slice(kept.events.length)] };
		} else {
			entry = { scenario, events: [...events] };
		}
		this.#entries.set(callId, entry);
		if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
		return entry;
	}

	forget(callId: string): void {
		this.#entries.delete(callId);
	}
}
