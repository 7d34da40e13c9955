import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { databasePath, sqlite } from '$lib/server/db';
import {
	SlidingWindowLimiter,
	SqliteWindowLimiter,
	accountDelayMs,
	checkLoginAllowed,
	createLoginLimiters,
	loginLimiters,
	recordLoginFailure,
	recordLoginSuccess,
	LOGIN_FIRST_DELAY_MS,
	LOGIN_MAX_DELAY_MS,
	LOGIN_MAX_FAILURES,
	LOGIN_WINDOW_MS
} from './rate-limit';

describe('sliding window limiter', () => {
	it('allows up to the limit, then says how long to wait', () => {
		const l = new SlidingWindowLimiter(3, 60_000);
		const t = 1_000_000;
		for (let i = 0; i < 3; i++) expect(l.take('k', t + i * 1000).allowed).toBe(true);
		const v = l.take('k', t + 3000);
		expect(v.allowed).toBe(false);
		expect(v.retryAfterSeconds).toBe(57);
	});

	it('lets requests through again once the oldest hit leaves the window', () => {
		const l = new SlidingWindowLimiter(2, 10_000);
		l.record('k', 0);
		l.record('k', 1000);
		expect(l.check('k', 9999).allowed).toBe(false);
		expect(l.check('k', 10_001).allowed).toBe(true);
	});

	it('keeps keys apart', () => {
		const l = new SlidingWindowLimiter(1, 10_000);
		l.record('a', 0);
		expect(l.check('a', 1).allowed).toBe(false);
		expect(l.check('b', 1).allowed).toBe(true);
	});
});

describe('login limits', () => {
	it('never locks an account: after 5 failures from other addresses its owner signs in after a short delay', () => {
		const now = Date.now();
		for (let i = 0; i < 5; i++) recordLoginFailure('victim@t.test', `10.0.0.${i}`, now);
		const v = checkLoginAllowed('victim@t.test', '10.9.9.9', now + 1000);
		expect(v).toEqual({ allowed: true, retryAfterSeconds: 0, delayMs: LOGIN_FIRST_DELAY_MS });
	});

	it('doubles the delay with every further failure, up to the cap, and a success clears it', () => {
		const now = Date.now();
		const delays: number[] = [];
		for (let i = 0; i < 12; i++) {
			delays.push(checkLoginAllowed('guessed@t.test', '10.8.8.8', now).delayMs);
			recordLoginFailure('guessed@t.test', `10.7.${i}.1`, now);
		}
		expect(delays).toEqual([0, 0, 0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
		expect(Math.max(...delays)).toBe(LOGIN_MAX_DELAY_MS);
		recordLoginSuccess('guessed@t.test');
		expect(checkLoginAllowed('guessed@t.test', '10.8.8.8', now).delayMs).toBe(0);
		expect(accountDelayMs(4)).toBe(0);
	});

	it('blocks an address after 5 failures across accounts', () => {
		const now = Date.now();
		for (let i = 0; i < 5; i++) recordLoginFailure(`guess${i}@t.test`, '10.1.1.1', now);
		expect(checkLoginAllowed('someone@t.test', '10.1.1.1', now).allowed).toBe(false);
		expect(checkLoginAllowed('someone@t.test', '10.1.1.2', now).allowed).toBe(true);
	});
});

describe('sign-in failures kept in SQLite', () => {
	const WINDOW = LOGIN_WINDOW_MS;

	/** A second connection to the same file, as the app has after a restart. */
	function reopened() {
		const database = new Database(databasePath);
		return { database, limiter: createLoginLimiters(database) };
	}

	it('still refuses a blocked address and slows a failed account through new limiters on the same database file', () => {
		const t = Date.now();
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++) recordLoginFailure('restart@t.test', '10.2.2.2', t + i);
		const { database, limiter } = reopened();
		try {
			const byAddress = checkLoginAllowed('someone-else@t.test', '10.2.2.2', t + 60_000, limiter);
			expect(byAddress.allowed).toBe(false);
			expect(byAddress.retryAfterSeconds).toBe((WINDOW - 60_000) / 1000);
			expect(checkLoginAllowed('restart@t.test', '10.9.9.8', t + 60_000, limiter)).toEqual({ allowed: true, retryAfterSeconds: 0, delayMs: LOGIN_FIRST_DELAY_MS });
			// A success resets the account in the shared table, for every connection.
			recordLoginSuccess('restart@t.test', limiter);
			expect(loginLimiters.accounts.count('acct:restart@t.test', t + 60_000)).toBe(0);
		} finally {
			database.close();
		}
	});

	it('lets the account and address in again once the window has passed', () => {
		const t = Date.now() + 10 * WINDOW;
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++) recordLoginFailure('expiry@t.test', '10.3.3.3', t);
		expect(checkLoginAllowed('expiry@t.test', '10.3.3.3', t + WINDOW - 1000)).toEqual({ allowed: false, retryAfterSeconds: 1, delayMs: 0 });
		expect(checkLoginAllowed('expiry@t.test', '10.3.3.3', t + WINDOW)).toEqual({ allowed: true, retryAfterSeconds: 0, delayMs: 0 });
		const { database, limiter } = reopened();
		try {
			expect(checkLoginAllowed('expiry@t.test', '10.3.3.3', t + WINDOW, limiter).allowed).toBe(true);
		} finally {
			database.close();
		}
	});

	it('prunes expired hits and keeps at most the limit per key, storing no e-mail in clear', () => {
		const l = new SqliteWindowLimiter(sqlite, 'prune-test', 3, 10_000);
		const rows = () => sqlite.prepare("SELECT key_hash AS k, at FROM rate_limit_hits WHERE bucket = 'prune-test'").all() as { k: string; at: number }[];
		for (let i = 0; i < 10; i++) l.record('acct:flood@t.test', 1000 + i);
		expect(rows()).toHaveLength(3);
		expect(rows().map((r) => r.at).sort()).toEqual([1007, 1008, 1009]);
		expect(l.check('acct:flood@t.test', 1010)).toEqual({ allowed: false, retryAfterSeconds: 10 });
		l.record('acct:other@t.test', 1000);
		// A hit long after the window removes the expired ones of the bucket (up to a batch per hit).
		l.record('acct:late@t.test', 100_000);
		expect(rows()).toEqual([{ k: expect.stringMatching(/^[0-9a-f]{64}$/), at: 100_000 }]);
		expect(JSON.stringify(rows())).not.toContain('@t.test');
	});

	it('takes like the in-memory limiter: allowed up to the limit, then refused without recording', () => {
		const l = new SqliteWindowLimiter(sqlite, 'take-test', 3, 60_000);
		const t = 1_000_000;
		for (let i = 0; i < 3; i++) expect(l.take('k', t + i * 1000).allowed).toBe(true);
		expect(l.take('k', t + 3000)).toEqual({ allowed: false, retryAfterSeconds: 57 });
		expect(l.take('k', t + 60_000).allowed).toBe(true);
	});
});
