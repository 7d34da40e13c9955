// Load shedding: at most `limit` requests are worked on at once and at most `queue` wait, each for at most
// `waitMs`; everything beyond is answered at once with 503 + Retry-After instead of queueing without bound.
// The queue is served newest first (LIFO) and, when full, the oldest waiter is refused to make room: under
// overload the requests that have already waited longest are the ones least likely to finish in time, so they get
// the cheap 503 and the fresh ones get the slot (adaptive LIFO, as in CoDel-style shedding). Defaults: 16 at once,
// 16 waiting for at most 250 ms (measured on 2 cores: 4 at once was slower, docs/load-shedding.md#soak).
// Rendering is mostly synchronous, so a saturated CPU shows as event-loop lag rather than as requests in flight
// (they wait in socket buffers, unseen): while the measured lag is above `lagMs`, new requests are shed too, which
// drains the backlog with cheap answers. Health checks, sign-out and speech (own bounded queues) are never shed.

import type { ShedSettings } from './front-door.js';

export type { ShedSettings };
export { FrontDoor, LagMonitor, admittedAt, isNeverShed, shedSettingsFromEnv } from './front-door.js';

type Waiter = { admit: (ok: boolean) => void; timer: ReturnType<typeof setTimeout>; since: number };

/** A counting gate with a bounded LIFO queue whose waiters give up after `waitMs`; a full queue drops its oldest. */
export class ConcurrencyGate {
	private active = 0;
	private readonly waiting: Waiter[] = [];
	/** Requests refused since start (exposed for /healthz-style diagnostics and tests). */
	shed = 0;
	/** Of those, requests refused because they had already waited past `waitMs` when they reached the gate. */
	late = 0;

	constructor(
		readonly settings: Pick<ShedSettings, 'limit' | 'queue' | 'waitMs'>,
		private readonly now: () => number = () => performance.now()
	) {}

	get inFlight() {
		return this.active;
	}
	get queued() {
		return this.waiting.length;
	}

	/**
	 * Whether a request that arrived at `since` has already waited longer than `waitMs` (counted as shed and late):
	 * served now, it would be answered late; the cheap 503 lets the backlog drain instead.
	 */
	refuseLate(since: number): boolean {
		if (this.settings.waitMs === 0 || this.now() - since <= this.settings.waitMs) return false;
		this.shed++;
		this.late++;
		return true;
	}

	/**
	 * Resolves true with a slot (call `release` once done), or false when the request should be shed. `since`: when
	 * the request arrived (the front door's admission time); one that has already waited longer than `waitMs` is
	 * refused at once, even with a slot free: it would be answered late, and the cheap 503 lets the backlog drain.
	 * `lateChecked`: the caller has just asked `refuseLate` itself (to tell "late" from "queue" refusals); asking
	 * again a few microseconds later could cross the limit and refuse a late request under the wrong reason.
	 */
	acquire(since: number = this.now(), lateChecked = false): Promise<boolean> | boolean {
		if (!lateChecked && this.refuseLate(since)) return false;
		if (this.active < this.settings.limit) {
			this.active++;
			return true;
		}
		if (this.settings.queue === 0 || this.settings.waitMs === 0) {
			this.shed++;
			return false;
		}
		if (this.waiting.length >= this.settings.queue) {
			// Full: the oldest waiter is refused now (it has the least time left), the newcomer waits instead.
			const oldest = this.waiting.shift()!;
			clearTimeout(oldest.timer);
			this.shed++;
			oldest.admit(false);
		}
		return new Promise<boolean>((resolve) => {
			const waiter: Waiter = {
				admit: resolve,
				since,
				timer: setTimeout(() => {
					const i = this.waiting.indexOf(waiter);
					if (i >= 0) this.waiting.splice(i, 1);
					this.shed++;
					resolve(false);
				}, Math.max(0, this.settings.waitMs - (this.now() - since)))
			};
			this.waiting.push(waiter);
		});
	}

	/**
	 * Frees a slot: the newest waiter takes it over (the count stays), else the count drops. A waiter that has already
	 * waited past `waitMs` (its timer ran late on a busy loop) is refused, not served late (CoDel-like); every older
	 * waiter has waited longer still, so the whole queue is refused with it.
	 */
	release() {
		const next = this.waiting.pop();
		if (next && this.now() - next.since > this.settings.waitMs) {
			for (const late of [next, ...this.waiting.splice(0)]) {
				clearTimeout(late.timer);
				this.shed++;
				late.admit(false);
			}
			if (this.active > 0) this.active--;
		} else if (next) {
			clearTimeout(next.timer);
			next.admit(true);
		} else if (this.active > 0) {
			this.active--;
		}
	}
}

export { BUSY_CODE, BUSY_MESSAGE } from '$lib/busy';
