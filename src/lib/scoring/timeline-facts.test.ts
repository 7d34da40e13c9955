import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../domain/call/events';
import { TimelineFacts } from './timeline-facts';

const at = (t: number, e: Record<string, unknown>) => ({ t, ...e }) as TimelineEvent;
// a hold_end with no hold, a hold started twice, a save before and after verification, a hold the hang-up ends
const timeline: TimelineEvent[] = [
	at(0, { type: 'call_started', scenarioSlug: 's', scenarioVersion: 1 }),
	at(1000, { type: 'hold_end' }),
	at(2000, { type: 'crm_save', section: 'interaction', record: {} }),
	at(3000, { type: 'hold_start' }),
	at(4000, { type: 'hold_start' }),
	at(9000, { type: 'hold_end' }),
	at(9500, { type: 'crm_save', section: 'customer', record: {} }),
	at(10_000, { type: 'identity_verified' }),
	at(11_000, { type: 'identity_verified' }),
	at(12_000, { type: 'crm_save', section: 'customer', record: {} }),
	at(13_000, { type: 'hold_start' }),
	at(20_000, { type: 'call_ended', by: 'trainee' }),
	at(21_000, { type: 'call_ended', by: 'customer' })
];

describe('timeline facts', () => {
	it('finds the hang-up, the verification, the first customer save and the holds, as the checks read them', () => {
		const facts = new TimelineFacts().extend(timeline);
		expect(facts.endIndex).toBe(11);
		expect(facts.verifiedIndex).toBe(7);
		expect(facts.firstCustomerSave).toBe(6);
		expect(facts.holds).toEqual([
			{ startIndex: 3, endIndex: 5, durationMs: 6000 },
			{ startIndex: 10, endIndex: 11, durationMs: 7000 }
		]);
		expect(facts.holdStarts).toEqual([
			{ index: 3, since: 1 },
			{ index: 4, since: 1 },
			{ index: 10, since: 5 }
		]);
	});

	it('reads the same facts event by event as all at once, and nothing twice', () => {
		const folded = new TimelineFacts();
		for (let n = 0; n <= timeline.length; n++) folded.extend(timeline.slice(0, n));
		folded.extend(timeline);
		const once = new TimelineFacts().extend(timeline);
		expect({ ...folded, holds: folded.holds, holdStarts: folded.holdStarts }).toEqual({ ...once, holds: once.holds, holdStarts: once.holdStarts });
		expect(new TimelineFacts().extend([]).endIndex).toBe(-1);
	});
});
