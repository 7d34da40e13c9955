// Where things happened on a call's timeline, read in one pass: the hang-up, the identity check, the first save of
// the customer's details, and the holds. The etiquette checks read these instead of scanning the events each; a
// fold kept between the events of a growing call (live coaching) reads only what was added since (EventFold).
import type { TimelineEvent } from '../domain/call/events';
import { EventFold } from '../domain/call/event-fold';

export interface Hold {
	startIndex: number;
	endIndex: number;
	durationMs: number;
}

export class TimelineFacts extends EventFold {
	/** the first call_ended, or -1 */
	endIndex = -1;
	/** the first identity_verified, or -1 */
	verifiedIndex = -1;
	/** the first save of the customer section, or -1 */
	firstCustomerSave = -1;
	/** holds, each ended by hold_end or by the call ending */
	readonly holds: Hold[] = [];
	/** every hold_start, with the last hold_end before it (0 if none): a hold must be asked for in between */
	readonly holdStarts: { index: number; since: number }[] = [];
	#openHold: number | null = null;
	#lastHoldEnd = 0;

	protected take(event: TimelineEvent, index: number, events: readonly TimelineEvent[]): void {
		switch (event.type) {
			case 'call_ended':
				if (this.endIndex < 0) this.endIndex = index;
				this.#closeHold(index, events);
				break;
			case 'identity_verified':
				if (this.verifiedIndex < 0) this.verifiedIndex = index;
				break;
			case 'crm_save':
				if (event.section === 'customer' && this.firstCustomerSave < 0) this.firstCustomerSave = index;
				break;
			case 'hold_start':
				this.holdStarts.push({ index, since: this.#lastHoldEnd });
				if (this.#openHold === null) this.#openHold = index;
				break;
			case 'hold_end':
				this.#lastHoldEnd = index;
				this.#closeHold(index, events);
				break;
		}
	}

	#closeHold(index: number, events: readonly TimelineEvent[]): void {
		if (this.#openHold === null) return;
		this.holds.push({ startIndex: this.#openHold, endIndex: index, durationMs: events[index].t - events[this.#openHold].t });
		this.#openHold = null;
	}
}
