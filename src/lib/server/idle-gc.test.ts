import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_HEAP_GROWTH_PERCENT, heapGrowthPercent, IdleCollector, startIdleCollector } from './idle-gc';

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

/**
 * The largest heap (MB) of a fresh Node process that first calls limitHeapGrowth with this HEAP_GROWTH_PERCENT, then
 * keeps a rolling window of objects that outlive young collections and die in the old generation, as a server's
 * request data does under load.
 */
function maxHeapWith(percent: string): number {
	const module = fileURLToPath(new URL('./idle-gc.ts', import.meta.url));
	const code = `
		import { limitHeapGrowth } from ${JSON.stringify(module)};
		limitHeapGrowth({ HEAP_GROWTH_PERCENT: ${JSON.stringify(percent)} });
		const window = new Array(200).fill(null);
		let max = 0;
		for (let i = 0; i < 2000; i++) {
			window[i % window.length] = Array.from({ length: 2000 }, (_, j) => ({ i, j, s: 'v' + j }));
			if (i % 25 === 0) max = Math.max(max, process.memoryUsage().heapTotal);
		}
		console.log(Math.round(max / 1048576));`;
	const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
	expect(run.status, run.stderr).toBe(0);
	return Number(run.stdout.trim());
}

describe('the heap growth limit', () => {
	it('reads HEAP_GROWTH_PERCENT: a whole number from 0 to 400, anything else is the default with a warning', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(heapGrowthPercent({})).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
		expect(heapGrowthPercent({ HEAP_GROWTH_PERCENT: '' })).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
		expect(heapGrowthPercent({ HEAP_GROWTH_PERCENT: '0' })).toBe(0);
		expect(heapGrowthPercent({ HEAP_GROWTH_PERCENT: '60' })).toBe(60);
		expect(warn).not.toHaveBeenCalled();
		for (const bad of ['-5', '2.5', 'lots', '401']) expect(heapGrowthPercent({ HEAP_GROWTH_PERCENT: bad })).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
		expect(warn).toHaveBeenCalledTimes(4);
		expect(String(warn.mock.calls[0][0])).toContain('HEAP_GROWTH_PERCENT must be a whole number from 0 to 400 (got "-5")');
		warn.mockRestore();
	});

	it('keeps the heap of a process with churning old objects far smaller than V8 alone does', () => {
		const v8Own = maxHeapWith('0');
		const limited = maxHeapWith(String(DEFAULT_HEAP_GROWTH_PERCENT));
		// measured: 184 MB with V8's own factor, 109–113 MB at 25 %
		expect(limited).toBeGreaterThan(0);
		expect(limited).toBeLessThan(v8Own * 0.8);
	}, 60_000);
});
