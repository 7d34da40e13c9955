import { describe, expect, it } from 'vitest';
import { callKpis, holdSecondsOf } from './call-kpis';
import { emptyCrmRecord } from './crm';
import type { TimelineEvent } from './call/events';

const ev = (type: string, t: number, extra: object = {}) => ({ type, t, ...extra }) as TimelineEvent;

describe('holdSecondsOf', () => {
	it('adds up every hold, and counts a hold still running when the call ended', () => {
		const events = [ev('call_started', 0), ev('hold_start', 10_000), ev('hold_end', 40_000), ev('hold_start', 50_000), ev('call_ended', 65_500, { by: 'trainee' })];
		expect(holdSecondsOf(events)).toBe(45.5);
	});
	it('is 0 without holds', () => {
		expect(holdSecondsOf([ev('call_started', 0), ev('call_ended', 9000, { by: 'trainee' })])).toBe(0);
	});
});

describe('callKpis', () => {
	it('counts a call logged Resolved and not transferred as resolved on first contact', () => {
		const record = emptyCrmRecord();
		record.interaction.status = 'Resolved';
		const k = callKpis([ev('call_started', 0)], record, [1, 0.5, 0]);
		expect(k).toEqual({ holdSeconds: 0, resolvedFirstContact: true, recordAccuracy: 50 });
	});
	it('does not count a transferred or pending call as resolved', () => {
		const record = emptyCrmRecord();
		record.interaction.status = 'Closed';
		expect(callKpis([ev('transfer', 5, { to: 'Billing' })], record, []).resolvedFirstContact).toBe(false);
		record.interaction.status = 'Pending';
		expect(callKpis([], record, []).resolvedFirstContact).toBe(false);
	});
});
