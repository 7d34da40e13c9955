// Live coaching looks at the whole timeline on every event. A call's timeline only grows and its scenario snapshot
// never changes, so the server keeps each open practice call's scenario, event objects and angers between requests:
// only the events appended since are read from the database (`extend`), the compiled phrases (cached per scenario
// object) and the analyses of earlier lines (cached per event object) are reused, and only the new events are
// analysed; the coaching's folds (dead air, holds, lines, record) continue from the last event they read. Bounded:
// the least recently used calls are dropped.
import type { TimelineEvent } from '$lib/domain/call/events';
import type { Scenario } from '$lib/schemas/scenario';
import type { CoachingFolds } from '$lib/scoring/coaching';
import { remember } from '$lib/server/bounded-map';

interface Entry {
	scenario: Scenario;
	events: TimelineEvent[];
	/** the coaching's folds over these events: kept while the timeline only grows, new when it starts afresh */
	folds: CoachingFolds;
	/** The caller's anger after each event, when the entry was built from stored events (`extend`). */
	angers?: number[];
}

/** A stored timeline event as `extend` reads it. */
interface StoredLike {
	seq: number;
	event: TimelineEvent;
	anger: number;
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
			entry = { scenario: kept.scenario, events: [...kept.events, ...events.slice(kept.events.length)], folds: kept.folds };
		} else {
			entry = { scenario, events: [...events], folds: {} };
		}
		return remember(this.#entries, callId, entry, this.capacity);
	}

	/**
	 * The scenario, events and angers to coach on, reading only what was stored after the kept events:
	 * `readFrom(seq)` returns the stored events from `seq` on. The kept entry is extended when the new rows continue
	 * its numbering (another process may have appended some: they are read too); otherwise the whole timeline is read.
	 */
	extend(callId: string, scenario: Scenario, readFrom: (fromSeq: number) => readonly StoredLike[]): Required<Entry> {
		const kept = this.#entries.get(callId);
		this.#entries.delete(callId);
		let entry: Required<Entry> | null = null;
		if (kept?.angers && kept.angers.length === kept.events.length) {
			const from = kept.events.length;
			const added = readFrom(from);
			if (added.every((s, i) => s.seq === from + i)) {
				entry = {
					scenario: kept.scenario,
					events: [...kept.events, ...added.map((s) => s.event)],
					angers: [...kept.angers, ...added.map((s) => s.anger)],
					folds: kept.folds
				};
			}
		}
		if (!entry) {
			const all = readFrom(0);
			entry = { scenario, events: all.map((s) => s.event), angers: all.map((s) => s.anger), folds: {} };
		}
		remember(this.#entries, callId, entry, this.capacity);
		return entry;
	}

	forget(callId: string): void {
		this.#entries.delete(callId);
	}
}
