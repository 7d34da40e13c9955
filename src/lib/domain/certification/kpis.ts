// Simulator KPIs per trainee (AHT, after-call work, hold, first-contact resolution) and the
// weakest skills across a group of calls — computed from call results only.
import type { CallEvidence } from './evidence';
import { SCORE_SECTION_LABELS } from '../call/score-sections';

export interface CallKpis {
	calls: number;
	averageScore: number | null;
	/** Average handle time in seconds (talk + hold + after-call work, as the simulator reports it). */
	averageHandleSeconds: number | null;
	averageAcwSeconds: number | null;
	averageHoldSeconds: number | null;
	/** Share of calls resolved on first contact, 0–1, over calls where it is known. */
	firstContactResolution: number | null;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function callKpis(calls: CallEvidence[]): CallKpis {
	const known = calls.filter((c) => c.resolvedFirstContact !== null);
	return {
		calls: calls.length,
		averageScore: mean(calls.map((c) => c.total)),
		averageHandleSeconds: mean(calls.map((c) => c.handleSeconds)),
		averageAcwSeconds: mean(calls.map((c) => c.acwSeconds)),
		averageHoldSeconds: mean(calls.map((c) => c.holdSeconds)),
		firstContactResolution: known.length ? known.filter((c) => c.resolvedFirstContact).length / known.length : null
	};
}

export interface SkillAverage {
	skill: string;
	/** The simulator's name for the section (the key itself for a section it does not know). */
	label: string;
	average: number;
	calls: number;
}

/** Average per score section across the calls, weakest first; ties by name for a stable order. */
export function weakestSkills(calls: CallEvidence[]): SkillAverage[] {
	const sums = new Map<string, { total: number; n: number }>();
	const add = (skill: string, value: number) => {
		const s = sums.get(skill) ?? { total: 0, n: 0 };
		s.total += value;
		s.n++;
		sums.set(skill, s);
	};
	for (const call of calls) {
		for (const [section, score] of Object.entries(call.sections)) add(section, score);
	}
	return [...sums.entries()]
		.map(([skill, { total, n }]) => ({ skill, label: (SCORE_SECTION_LABELS as Record<string, string>)[skill] ?? skill, average: total / n, calls: n }))
		.sort((a, b) => a.average - b.average || a.skill.localeCompare(b.skill));
}

/** The last `limit` calls in time order, for a trend chart. */
export function scoreTrend(calls: CallEvidence[], limit = 20): { at: Date; total: number; scenarioSlug: string; id: string }[] {
	return [...calls]
		.sort((a, b) => a.endedAt.getTime() - b.endedAt.getTime())
		.slice(-limit)
		.map((c) => ({ at: c.endedAt, total: c.total, scenarioSlug: c.scenarioSlug, id: c.id }));
}

export function formatDuration(seconds: number | null): string {
	if (seconds === null) return '—';
	const s = Math.round(seconds);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
