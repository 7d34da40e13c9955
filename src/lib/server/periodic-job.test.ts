import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicJob } from './periodic-job';

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('startPeriodicJob', () => {
	it('runs shortly after start and then on every interval, and a failure does not stop it', async () => {
		vi.useFakeTimers();
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		let runs = 0;
		startPeriodicJob('test job failing', 1_000, () => {
			runs++;
			if (runs === 1) throw new Error('boom');
		}, 100);
		await vi.advanceTimersByTimeAsync(99);
		expect(runs).toBe(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(runs).toBe(1);
		expect(errors).toHaveBeenCalledWith('test job failing failed', expect.any(Error));
		await vi.advanceTimersByTimeAsync(2_000);
		expect(runs).toBe(3);
	});

	it('does not start a second run while one is still going, nor a second timer for the same job', async () => {
		vi.useFakeTimers();
		let started = 0;
		let finish: () => void = () => {};
		const run = () => {
			started++;
			return new Promise<void>((resolve) => (finish = resolve));
		};
		startPeriodicJob('test job slow', 1_000, run, 100);
		startPeriodicJob('test job slow', 1_000, run, 100);
		await vi.advanceTimersByTimeAsync(100);
		expect(started).toBe(1);
		await vi.advanceTimersByTimeAsync(3_000); // three intervals while the first run is still going
		expect(started).toBe(1);
		finish();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(started).toBe(2);
	});
});
