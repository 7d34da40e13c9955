import { describe, expect, it } from 'vitest';
import { busyBackoffMs, isBusyAnswer } from './busy';

describe('busy answers', () => {
	it('waits Retry-After (or half a second), doubling per attempt up to 8 s, with at most 25 % jitter', () => {
		expect([0, 1, 2, 3, 4, 5].map((a) => busyBackoffMs(a, '1', 0))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
		expect(busyBackoffMs(0, null, 0)).toBe(500);
		expect(busyBackoffMs(0, 'soon', 0)).toBe(500);
		expect(busyBackoffMs(0, '2', 0.999)).toBeLessThanOrEqual(2500);
	});

	it('tells a shed request from any other 503', () => {
		expect(isBusyAnswer(503, { error: { code: 'busy', message: '' } })).toBe(true);
		expect(isBusyAnswer(503, { error: { code: 'model_busy' } })).toBe(false);
		expect(isBusyAnswer(503, null)).toBe(false);
		expect(isBusyAnswer(500, { error: { code: 'busy' } })).toBe(false);
	});
});
