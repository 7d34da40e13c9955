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
	/** Hits of the key inside the window (a limiter may stop counting at its limit). */
	count(key: string, now?: number): number;
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

	/** Hits of the key inside the window. */
	count(key: string, now = Date.now()): number {
		return this.recent(key, now).length;
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

	/** Hits of the key inside the window (at most `limit`: no more are kept). */
	count(key: string, now = Date.now()): number {
		return this.sql.window.get(this.bucket, this.hash(key), now - this.windowMs)?.n ?? 0;
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
/** Account failures counted for the delay (more add nothing: the delay is capped by then). */
const ACCOUNT_COUNT_CAP = 32;
/** The first slowed attempt waits this long, each further failure doubles it, up to LOGIN_MAX_DELAY_MS. */
export const LOGIN_FIRST_DELAY_MS = 1000;
export const LOGIN_MAX_DELAY_MS = 8000;

/**
 * Sign-in throttling without denial of service (docs/api.md, "Sign-in limits"):
 * - an address that failed LOGIN_MAX_FAILURES times in the window is refused (429) for every account;
 * - an account never locks: once it has failed LOGIN_MAX_FAILURES times in the window (from any addresses), each
 *   further attempt is answered only after a delay that doubles per failure, capped at LOGIN_MAX_DELAY_MS. Guessing
 *   stays slow, and the owner, from an address that has not failed, still signs in after a short wait.
 */
export interface LoginLimiters {
	/** Per-address failures ('login' bucket; keys `addr:…`). */
	addresses: RateLimiter;
	/** Per-account failures ('login-acct' bucket; keys `acct:…`), counted up to a cap. */
	accounts: RateLimiter;
}

/** The sign-in limiters on a database (the app's own connection, or another one to the same file). */
export function createLoginLimiters(database: Database): LoginLimiters {
	return {
		addresses: new SqliteWindowLimiter(database, 'login', LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS),
		accounts: new SqliteWindowLimiter(database, 'login-acct', ACCOUNT_COUNT_CAP, LOGIN_WINDOW_MS)
	};
}

/** Failed sign-ins, counted per client address and per account. */
export const loginLimiters = createLoginLimiters(sqlite);

export interface LoginVerdict extends RateLimitVerdict {
	/** How long to hold the answer before checking the password (0 for an account without recent failures). */
	delayMs: number;
}

/** The delay for an account with `failures` failed sign-ins in the window. */
export function accountDelayMs(failures: number): number {
	if (failures < LOGIN_MAX_FAILURES) return 0;
	return Math.min(LOGIN_MAX_DELAY_MS, LOGIN_FIRST_DELAY_MS * 2 ** (failures - LOGIN_MAX_FAILURES));
}


export function checkLoginAllowed(email: string, address: string, now = Date.now(), limits: LoginLimiters = loginLimiters): LoginVerdict {
	const byAddress = limits.addresses.check(`addr:${address}`, now);
	if (!byAddress.allowed) return { ...byAddress, delayMs: 0 };
	return { allowed: true, retryAfterSeconds: 0, delayMs: accountDelayMs(limits.accounts.count(`acct:${email}`, now)) };
}

export function recordLoginFailure(email: string, address: string, now = Date.now(), limits: LoginLimiters = loginLimiters): void {
	limits.accounts.record(`acct:${email}`, now);
	limits.addresses.record(`addr:${address}`, now);
}

/** A successful sign-in clears the account's failures (the address's stay: they were someone's guesses). */
export function recordLoginSuccess(email: string, limits: LoginLimiters = loginLimiters): void {
	limits.accounts.reset(`acct:${email}`);
}
