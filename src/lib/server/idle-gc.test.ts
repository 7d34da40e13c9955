import { describe, expect, it } from 'vitest';
import { IdleCollector, startIdleCollector } from './idle-gc';

/** A collector on a CPU clock the test moves: each sample is given the CPU ms used since the last. */
function collector() {
	let cpu = 0;
	let collections = 0;
	const c = new IdleCollector({ collect: () => collections++, cpuMs: () => cpu });
	return {
		sample: (usedMs: number) => {
			cpu += usedMs;
			return c.sample();
		},
		collections: () => collections
	};
}

describe('the idle collector', () => {
	it('collects once, two seconds after a burst of load ends, and not again until there is load again', () => {
		const c = collector();
		for (let i = 0; i < 6; i++) expect(c.sample(300)).toBe(false); // 3 s at 60 % of a core
		expect([c.sample(5), c.sample(5), c.sample(5)]).toEqual([false, false, false]);
		expect(c.sample(5)).toBe(true); // the fourth quiet sample
		for (let i = 0; i < 20; i++) expect(c.sample(5)).toBe(false);
		expect(c.collections()).toBe(1);
		c.sample(300);
		c.sample(300);
		for (let i = 0; i < 4; i++) c.sample(0);
		expect(c.collections()).toBe(2);
	});

	it('never collects on a process that was not busy, nor during load with short pauses', () => {
		const c = collector();
		for (let i = 0; i < 40; i++) c.sample(20); // idle: 4 % of a core
		expect(c.collections()).toBe(0);
		for (let i = 0; i < 40; i++) c.sample(i % 4 === 3 ? 10 : 250); // busy, quiet one sample in four
		expect(c.collections()).toBe(0);
	});

	it('is off with IDLE_GC=0, and starts here (V8 hands out its full collection)', () => {
		expect(startIdleCollector({ IDLE_GC: '0' })).toBe(false);
		expect(startIdleCollector({}, 60_000)).toBe(true);
	});
});
