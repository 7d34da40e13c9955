import { describe, expect, it } from 'vitest';
import type { CallEvidence } from './evidence';
import { callKpis, formatDuration, scoreTrend, weakestSkills } from './kpis';

const call = (over: Partial<CallEvidence>): CallEvidence => ({
	id: 'c',
	scenarioSlug: 's',
	angryStart: false,
	total: 70,
	sections: {},
	recordAccuracy: null,
	endedAt: new Date('2026-01-01T00:00:00Z'),
	handleSeconds: 300,
	acwSeconds: 60,
	holdSeconds: 0,
	resolvedFirstContact: null,
	...over
});

describe('callKpis', () => {
	it('averages handle, after-call work and hold time and computes FCR over known calls', () => {
		const k = callKpis([
			call({ total: 60, handleSeconds: 200, acwSeconds: 30, holdSeconds: 10, resolvedFirstContact: true }),
			call({ total: 90, handleSeconds: 400, acwSeconds: 90, holdSeconds: 50, resolvedFirstContact: false }),
			call({ total: 75, handleSeconds: 300, acwSeconds: 60, holdSeconds: 0, resolvedFirstContact: null })
		]);
		expect(k).toEqual({
			calls: 3,
			averageScore: 75,
			averageHandleSeconds: 300,
			averageAcwSeconds: 60,
			averageHoldSeconds: 20,
			firstContactResolution: 0.5
		});
	});

	it('reports nothing rather than zero for a trainee without calls', () => {
		expect(callKpis([])).toEqual({
			calls: 0,
			averageScore: null,
			averageHandleSeconds: null,
			averageAcwSeconds: null,
			averageHoldSeconds: null,
			firstContactResolution: null
		});
	});
});

describe('weakestSkills', () => {
	it('orders section averages weakest first', () => {
		const skills = weakestSkills([
			call({ sections: { etiquette: 80, angerControl: 50, accuracy: 70 } }),
			call({ sections: { etiquette: 90, angerControl: 70, accuracy: 90 } }),
			call({ sections: { etiquette: 100 } })
		]);
		expect(skills).toEqual([
			{ skill: 'angerControl', label: 'Anger control', average: 60, calls: 2 },
			{ skill: 'accuracy', label: 'Record accuracy', average: 80, calls: 2 },
			{ skill: 'etiquette', label: 'Telephone etiquette', average: 90, calls: 3 }
		]);
	});
});

describe('scoreTrend', () => {
	it('keeps the most recent calls in time order', () => {
		const calls = [3, 1, 2].map((d) => call({ id: `c${d}`, total: d * 10, endedAt: new Date(Date.UTC(2026, 0, d)) }));
		expect(scoreTrend(calls, 2).map((p) => p.id)).toEqual(['c2', 'c3']);
	});
});

describe('formatDuration', () => {
	it.each([
		[null, '—'],
		[0, '0:00'],
		[65.4, '1:05'],
		[600, '10:00']
	])('%s seconds → %s', (s, text) => {
		expect(formatDuration(s)).toBe(text);
	});
});
