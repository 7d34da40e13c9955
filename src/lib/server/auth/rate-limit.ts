// In-memory sliding-window limiter: counts events per key inside a window and says how long to wait.
export interface RateLimitVerdict {
	allowed: boolean;
	retryAfterSeconds: number;
}

export class SlidingWindowLimiter {
	private hits = new Map<string, number[]>();
	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	private recent(key: string, now: number): number[] {
		const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
		if (list.length) this.hits.set(key, list);
		else this.hits.delete(key);
		return list;
	}

	check(key: string, now = Date.now()): RateLimitVerdict {
		const list = this.recent(key, now);
		if (list.length < this.limit) return { allowed: true, retryAfterSeconds: 0 };
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000)) };
	}

	record(key: string, now = Date.now()): void {
		const list = this.recent(key, now);
		list.push(now);
		this.hits.set(key, list);
		if (this.hits.size > 50_000) this.prune(now);
	}

	/** Check and record in one step: for limits on every request (APIs). */
	take(key: string, now = Date.now()): RateLimitVerdict {
		const verdict = this.check(key, now);
		if (verdict.allowed) this.record(key, now);
		return verdict;
	}

	reset(key: string): void {
		this.hits.delete(key);
	}

	private prune(now: number): void {
		for (const key of [...this.hits.keys()]) this.recent(key, now);
	}
}

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Failed sign-ins, counted per account and per client address. */
export const loginFailures = new SlidingWindowLimiter(LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS);

export function checkLoginAllowed(email: string, address: string, now = Date.now()): RateLimitVerdict {
	const a = loginFailures.check(`acct:${email}`, now);
	const b = loginFailures.check(`addr:${address}`, now);
	return { allowed: a.allowed && b.allowed, retryAfterSeconds: Math.max(a.retryAfterSeconds, b.retryAfterSeconds) };
}

export function recordLoginFailure(email: string, address: string, now = Date.now()): void {
	loginFailures.record(`acct:${email}`, now);
	loginFailures.record(`addr:${address}`, now);
}
