// A fold over a call's growing timeline: `extend` reads only the events added since it last read, so live coaching
// (which keeps its folds per call) pays for the new events, not the whole call; scoring reads a whole timeline with a
// new fold, the same code. The events given must continue the ones already read (the same events, then more).
import type { TimelineEvent } from './events';

export abstract class EventFold {
	#read = 0;

	/** Take one event; `events` is the timeline it belongs to (for reading earlier events by index). */
	protected abstract take(event: TimelineEvent, index: number, events: readonly TimelineEvent[]): void;

	extend(events: readonly TimelineEvent[]): this {
		for (let index = this.#read; index < events.length; index++) this.take(events[index], index, events);
		this.#read = Math.max(this.#read, events.length);
		return this;
	}
}
