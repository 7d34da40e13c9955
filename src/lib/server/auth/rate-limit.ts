// Sliding-window limiters: count events per key inside a window and say how long to wait. Per-request API
// limits live in memory; sign-in failures live in SQLite, so a lock-out survives a restart.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { sqlite } from '$lib/server/db';

export interface RateLimitVerdict {
	allowed: boolean;
	retryAfterSeconds: number;
}

export interface RateLimiter {
	readonly limit: number;
	readonly windowMs: number;
	check(key: string, now?: number): RateLimitVerdict;
	record(key: string, now?: number): void;
	/** Check and record in one step: for limits on every request (APIs). */
	take(key: string, now?: number): RateLimitVerdict;
	reset(key: string): void;
}

function verdict(count: number, oldest: number | null, limit: number, windowMs: number, now: number): RateLimitVerdict {
	if (count < limit) return { allowed: true, retryAfterSeconds: 0 };
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((oldest ?? now) + windowMs - now) / 1000)) };
}

export class SlidingWindowLimiter implements RateLimiter {
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
		return verdict(list.length, list[0] ?? null, this.limit, this.windowMs, now);
	}

	record(key: string, now = Date.now()): void {
		const list = this.recent(key, now);
		list.push(now);
		this.hits.set(key, list);
		if (this.hits.size > 50_000) this.prune(now);
	}

	take(key: string, now = Date.now()): RateLimitVerdict {
		const v = this.check(key, now);
		if (v.allowed) this.record(key, now);
		return v;
	}

	reset(key: string): void {
		this.hits.delete(key);
	}

	private prune(now: number): void {
		for (const key of [...this.hits.keys()]) this.recent(key, now);
	}
}

/** Expired hits deleted per new hit: more than one hit adds, so the table shrinks, yet no call pays for a backlog. */
const PRUNE_BATCH = 100;

/**
 * The same limiter on a SQLite table (`rate_limit_hits`, schema/rate-limits.ts), shared by every connection to
 * the file. Keys are stored as sha-256 hashes. Each key keeps at most `limit` hits (enough to decide), and each
 * new hit deletes up to PRUNE_BATCH expired ones of the bucket, so every call costs a few indexed statements.
 */
export class SqliteWindowLimiter implements RateLimiter {
	private statements: ReturnType<SqliteWindowLimiter['prepare']> | null = null;

	constructor(
		private readonly database: Database,
		readonly bucket: string,
		readonly limit: number,
		readonly windowMs: number
	) {}

	// Prepared on first use: the build imports this module with an empty, unmigrated database.
	private prepare() {
		const d = this.database;
		return {
			window: d.prepare<[string, string, number], { n: number; oldest: number | null }>(
				'SELECT count(*) AS n, min(at) AS oldest FROM rate_limit_hits WHERE bucket = ? AND key_hash = ? AND at > ?'
			),
			insert: d.prepare<[string, string, number]>('INSERT INTO rate_limit_hits (bucket, key_hash, at) VALUES (?, ?, ?)'),
			trim: d.prepare<{ bucket: string; key: string; keep: number }>(
				'DELETE FROM rate_limit_hits WHERE bucket = @bucket AND key_hash = @key AND rowid NOT IN ' +
					'(SELECT rowid FROM rate_limit_hits WHERE bucket = @bucket AND key_hash = @key ORDER BY at DESC LIMIT @keep)'
			),
			prune: d.prepare<[string, number, number]>(
				'DELETE FROM rate_limit_hits WHERE rowid IN (SELECT rowid FROM rate_limit_hits WHERE bucket = ? AND at <= ? LIMIT ?)'
			),
			reset: d.prepare<[string, string]>('DELETE FROM rate_limit_hits WHERE bucket = ? AND key_hash = ?')
		};
	}

	private get sql() {
		return (this.statements ??= this.prepare());
	}

	private hash(key: string): string {
		return createHash('sha256').update(key).digest('hex');
	}

	check(key: string, now = Date.now()): RateLimitVerdict {
		const row = this.sql.window.get(this.bucket, this.hash(key), now - this.windowMs);
		return verdict(row?.n ?? 0, row?.oldest ?? null, this.limit, this.windowMs, now);
	}

	record(key: string, now = Date.now()): void {
		const keyHash = this.hash(key);
		this.database.transaction(() => {
			this.sql.insert.run(this.bucket, keyHash, now);
			this.sql.trim.run({ bucket: this.bucket, key: keyHash, keep: this.limit });
			this.sql.prune.run(this.bucket, now - this.windowMs, PRUNE_BATCH);
		})();
	}

	take(key: string, now = Date.now()): RateLimitVerdict {
		return this.database
			.transaction(() => {
				const v = this.check(key, now);
				if (v.allowed) this.record(key, now);
				return v;
			})
			.immediate();
	}

	reset(key: string): void {
		this.sql.reset.run(this.bucket, this.hash(key));
	}
}

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** The sign-in limiter on a database (the app's own connection, or another one to the same file). */
export function createLoginLimiter(database: Database): SqliteWindowLimiter {
	return new SqliteWindowLimiter(database, 'login', LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS);
}

/** Failed sign-ins, counted per account and per client address. */
export const loginFailures = createLoginLimiter(sqlite);

export function checkLoginAllowed(email: string, address: string, now = Date.now(), limiter: RateLimiter = loginFailures): RateLimitVerdict {
	const a = limiter.check(`acct:${email}`, now);
	const b = limiter.check(`addr:${address}`, now);
	return { allowed: a.allowed && b.allowed, retryAfterSeconds: Math.max(a.retryAfterSeconds, b.retryAfterSeconds) };
}

export function recordLoginFailure(email: string, address: string, now = Date.now(), limiter: RateLimiter = loginFailures): void {
	limiter.record(`acct:${email}`, now);
	limiter.record(`addr:${address}`, now);
}
