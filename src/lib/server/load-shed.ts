// Load shedding: at most `limit` requests are worked on at once and at most `queue` wait, each for at most
// `waitMs`; everything beyond is answered at once with 503 + Retry-After instead of queueing without bound.
// The queue is served newest first (LIFO) and, when full, the oldest waiter is refused to make room: under
// overload the requests that have already waited longest are the ones least likely to finish in time, so they get
// the cheap 503 and the fresh ones get the slot (adaptive LIFO, as in CoDel-style shedding). Defaults: 16 at once,
// 16 waiting for at most 250 ms (measured on 2 cores: 4 at once was slower, docs/load-shedding.md#soak).
// Rendering is mostly synchronous, so a saturated CPU shows as event-loop lag rather than as requests in flight
// (they wait in socket buffers, unseen): while the measured lag is above `lagMs`, new requests are shed too, which
// drains the backlog with cheap answers. Health checks, sign-out and speech (own bounded queues) are never shed.

export interface ShedSettings {
	/** Requests worked on at once. */
	limit: number;
	/** Requests allowed to wait for a slot; more are refused at once. */
	queue: number;
	/** Longest wait in the queue before a request is refused. */
	waitMs: number;
	/** Seconds a refused client is told to wait (Retry-After). */
	retryAfterS: number;
	/** Event-loop lag above which new requests are shed (0: off). */
	lagMs: number;
}

function intFromEnv(name: string, fallback: number, min: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
	return n;
}

/** Settings from SHED_CONCURRENCY, SHED_QUEUE, SHED_QUEUE_MS, SHED_RETRY_AFTER, SHED_LAG_MS (README settings table). */
export function shedSettingsFromEnv(): ShedSettings {
	return {
		limit: intFromEnv('SHED_CONCURRENCY', 16, 1),
		queue: intFromEnv('SHED_QUEUE', 16, 0),
		waitMs: intFromEnv('SHED_QUEUE_MS', 250, 0),
		retryAfterS: intFromEnv('SHED_RETRY_AFTER', 1, 1),
		lagMs: intFromEnv('SHED_LAG_MS', 300, 0)
	};
}

type Waiter = { admit: (ok: boolean) => void; timer: ReturnType<typeof setTimeout>; since: number };

/** A counting gate with a bounded LIFO queue whose waiters give up after `waitMs`; a full queue drops its oldest. */
export class ConcurrencyGate {
	private active = 0;
	private readonly waiting: Waiter[] = [];
	/** Requests refused since start (exposed for /healthz-style diagnostics and tests). */
	shed = 0;

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

	/** Resolves true with a slot (call `release` once done), or false when the request should be shed. */
	acquire(): Promise<boolean> | boolean {
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
				since: this.now(),
				timer: setTimeout(() => {
					const i = this.waiting.indexOf(waiter);
					if (i >= 0) this.waiting.splice(i, 1);
					this.shed++;
					resolve(false);
				}, this.settings.waitMs)
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

/** Event-loop lag, sampled by a timer every `intervalMs`: `lagMs` is how late the latest tick ran. */
export class LagMonitor {
	lagMs = 0;
	private timer: ReturnType<typeof setInterval> | null = null;
	private last = 0;

	constructor(
		readonly intervalMs = 50,
		private readonly now: () => number = () => performance.now()
	) {}

	start() {
		if (this.timer) return;
		this.last = this.now();
		this.timer = setInterval(() => this.sample(), this.intervalMs);
		this.timer.unref?.();
	}

	/** One tick: the lag is how much later than `intervalMs` after the previous one it ran. */
	sample() {
		const t = this.now();
		this.lagMs = Math.max(0, t - this.last - this.intervalMs);
		this.last = t;
	}

	/**
	 * The lag now: the last sample, or how long the loop has gone without a tick, whichever is more. A backlog of
	 * requests handled in one long turn of the loop shows here before the timer can sample it.
	 */
	currentLagMs() {
		return Math.max(this.lagMs, this.now() - this.last - this.intervalMs);
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}
}

/** Paths that are never shed: the health check, sign-out, and speech (bounded by its own model queues). */
export function isNeverShed(pathname: string): boolean {
	return pathname === '/healthz' || pathname === '/logout' || pathname.startsWith('/api/speech/');
}

export { BUSY_CODE, BUSY_MESSAGE } from '$lib/busy';
