import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '$lib/domain/call';
import type { Scenario } from '$lib/schemas/scenario';
import { TimelineMemo } from './coaching-memo';

const ev = (t: number): TimelineEvent => ({ type: 'trainee_utterance', t, text: `line ${t}` });
const scenario = (n: number) => ({ slug: `s${n}` }) as unknown as Scenario;

describe('the coaching memo', () => {
	it('keeps the first objects of a growing timeline and adds only the new events', () => {
		const memo = new TimelineMemo();
		const first = memo.take('a', scenario(1), [ev(1), ev(2)]);
		const again = memo.take('a', scenario(2), [ev(1), ev(2), ev(3)]);
		expect(again.scenario).toBe(first.scenario);
		expect(again.events[0]).toBe(first.events[0]);
		expect(again.events[1]).toBe(first.events[1]);
		expect(again.events.map((e) => e.t)).toEqual([1, 2, 3]);
	});

	it('starts afresh when the timeline does not extend the kept one, and drops the least recently used call', () => {
		const memo = new TimelineMemo(2);
		const kept = memo.take('a', scenario(1), [ev(1), ev(2)]);
		const other = memo.take('a', scenario(2), [ev(1), ev(5)]);
		expect(other.scenario).not.toBe(kept.scenario);
		memo.take('b', scenario(3), [ev(1)]);
		memo.take('c', scenario(4), [ev(1)]);
		// 'a' was used least recently, so it was dropped: the same timeline now starts from the new objects
		const fifth = scenario(5);
		expect(memo.take('a', fifth, [ev(1), ev(5)]).scenario).toBe(fifth);
	});

	it('extends a kept timeline by reading only the events stored after it, and reads it all when the numbering breaks', () => {
		const memo = new TimelineMemo();
		const stored = [1, 2, 3, 4, 5].map((t, seq) => ({ seq, event: ev(t), anger: t * 10 }));
		const reads: number[] = [];
		const readFrom = (upTo: number) => (from: number) => {
			reads.push(from);
			return stored.slice(from, upTo);
		};
		const first = memo.extend('a', scenario(1), readFrom(3));
		expect(first.events.map((e) => e.t)).toEqual([1, 2, 3]);
		const second = memo.extend('a', scenario(2), readFrom(5));
		expect(reads).toEqual([0, 3]); // the second call read from seq 3 only
		expect(second.scenario).toBe(first.scenario);
		expect(second.events[0]).toBe(first.events[0]);
		expect(second.events.map((e) => e.t)).toEqual([1, 2, 3, 4, 5]);
		expect(second.angers).toEqual([10, 20, 30, 40, 50]);
		// Rows that do not continue the kept numbering: the whole timeline is read again.
		reads.length = 0;
		const gap = memo.extend('a', scenario(3), (from) => {
			reads.push(from);
			return from === 0 ? stored : [{ seq: 9, event: ev(9), anger: 0 }];
		});
		expect(reads).toEqual([5, 0]);
		expect(gap.events.map((e) => e.t)).toEqual([1, 2, 3, 4, 5]);
		// An entry kept by `take` (no angers) is read whole the next time.
		memo.take('b', scenario(4), [ev(1)]);
		reads.length = 0;
		expect(memo.extend('b', scenario(4), readFrom(2)).angers).toEqual([10, 20]);
		expect(reads).toEqual([0]);
	});
});
