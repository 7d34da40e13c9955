import { describe, expect, it } from 'vitest';
import { Endpointer } from './endpointer';

const db = (d: number) => Math.pow(10, d / 20);

function run(e: Endpointer, levelsDb: number[]) {
	return levelsDb.map((l) => e.push(db(l)));
}

describe('Endpointer', () => {
	it('starts after ~100 ms clearly above the noise floor and ends after 700 ms of quiet', () => {
		const e = new Endpointer();
		const noise = Array(30).fill(-60);
		const speech = Array(40).fill(-25);
		const quiet = Array(30).fill(-60);
		const events = run(e, [...noise, ...speech, ...quiet]);
		expect(events.indexOf('start')).toBe(30 + 2);
		const end = events.indexOf('end');
		expect(end).toBeGreaterThan(70);
		expect((end - 70 + 1) * 32).toBeGreaterThanOrEqual(700);
		expect((end - 70 + 1) * 32).toBeLessThan(700 + 32);
	});

	it('does not end during short pauses between words', () => {
		const e = new Endpointer();
		const events = run(e, [...Array(20).fill(-60), ...Array(10).fill(-25), ...Array(10).fill(-60), ...Array(10).fill(-25)]);
		expect(events.filter((x) => x === 'start')).toHaveLength(1);
		expect(events).not.toContain('end');
	});

	it('adapts to a noisy room and ignores its steady hum', () => {
		const e = new Endpointer();
		const events = run(e, Array(200).fill(-38));
		expect(events).not.toContain('start');
		expect(e.noiseFloorDb).toBeCloseTo(-38, 0);
		expect(run(e, Array(5).fill(-20))).toContain('start');
	});

	it('never treats very quiet sound as speech', () => {
		const e = new Endpointer();
		expect(run(e, [...Array(20).fill(-95), ...Array(20).fill(-70)])).not.toContain('start');
	});
});
