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
});
