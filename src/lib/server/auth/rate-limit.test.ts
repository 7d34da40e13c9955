import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, checkLoginAllowed, recordLoginFailure, LOGIN_WINDOW_MS } from './rate-limit';

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
	it('blocks an account after 5 failures in 15 minutes, from any address', () => {
		const now = Date.now();
		for (let i = 0; i < 5; i++) recordLoginFailure('victim@t.test', `10.0.0.${i}`, now);
		const v = checkLoginAllowed('victim@t.test', '10.9.9.9', now + 1000);
		expect(v.allowed).toBe(false);
		expect(v.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
	});

	it('blocks an address after 5 failures across accounts', () => {
		const now = Date.now();
		for (let i = 0; i < 5; i++) recordLoginFailure(`guess${i}@t.test`, '10.1.1.1', now);
		expect(checkLoginAllowed('someone@t.test', '10.1.1.1', now).allowed).toBe(false);
		expect(checkLoginAllowed('someone@t.test', '10.1.1.2', now).allowed).toBe(true);
	});
});
