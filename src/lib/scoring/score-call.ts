// Scores a call from its timeline: record accuracy, completeness, said-vs-entered, etiquette, anger control
// and after-call work, weighted into a total 0–100. Pure and deterministic.

import { compileScenario } from '../domain/call/compiled-scenario';
import { recordFromTimeline } from '../domain/call/crm-record';
import { replayCall } from '../domain/call/engine';
import type { TimelineEvent } from '../domain/call/events';
import { DEFAULT_SECTION_WEIGHTS, SCORE_SECTIONS, type ScoreSection } from '../domain/call/score-sections';
import { PHONE_REGION } from '../domain/languages';
import type { Scenario } from '../schemas/scenario';
import { scoreAfterCallWork } from './after-call-work';
import { scoreAngerControl, summariseAnger } from './anger-control';
import { findInconsistencies, scoreConsistency } from './consistency';
import { checkEtiquette } from './etiquette';
import { round1 } from './evidence';
import { expectedFields } from './expected-fields';
import { scoreRecord } from './record-accuracy';
import { tipsFor } from './tips';
import { traineeLines } from './trainee-lines';
import { SCORER_VERSION, type CallScore, type Deduction, type SectionScore } from './types';

export interface ScoreOptions {
	/** the trainee's name, to recognise it in the greeting */
	traineeName?: string;
}

export function scoreCall(scenario: Scenario, events: readonly TimelineEvent[], options: ScoreOptions = {}): CallScore {
	const compiled = compileScenario(scenario);
	const record = recordFromTimeline(events);
	const lines = traineeLines(compiled, events);
	const replay = replayCall(scenario, events);

	const recordScores = scoreRecord(expectedFields(scenario, compiled.vocabulary), record, events);
	const inconsistencies = findInconsistencies(lines, record, Number(scenario.callDate.slice(0, 4)), PHONE_REGION[scenario.language]);
	const etiquette = checkEtiquette({
		scenario,
		events,
		lines,
		vocabulary: compiled.vocabulary,
		traineeName: options.traineeName
	});
	const anger = summariseAnger(scenario, events, replay.steps);

	const parts: Record<ScoreSection, { score: number; deductions: Deduction[] }> = {
		accuracy: recordScores.accuracy,
		completeness: recordScores.completeness,
		consistency: scoreConsistency(inconsistencies),
		etiquette,
		angerControl: scoreAngerControl(anger, events, replay.steps),
		afterCallWork: scoreAfterCallWork(scenario, events, record)
	};
	const weights = sectionWeights(scenario);
	const sections: SectionScore[] = SCORE_SECTIONS.map((section) => ({
		section,
		score: round1(Math.max(0, parts[section].score)),
		weight: weights[section],
		deductions: parts[section].deductions.map((d) => ({ ...d, points: round1(d.points) }))
	}));
	const allDeductions = SCORE_SECTIONS.flatMap((s) => parts[s].deductions);
	return {
		scorerVersion: SCORER_VERSION,
		total: weightedTotal(sections),
		sections,
		fields: recordScores.fields,
		etiquette: etiquette.checks,
		inconsistencies,
		anger,
		tips: tipsFor(scenario, allDeductions, (s) => weights[s])
	};
}

export function sectionWeights(scenario: Scenario): Record<ScoreSection, number> {
	return { ...DEFAULT_SECTION_WEIGHTS, ...scenario.weights } as Record<ScoreSection, number>;
}

/** The weighted mean of section scores, 0–100 to one decimal. */
export function weightedTotal(sections: readonly Pick<SectionScore, 'score' | 'weight'>[]): number {
	const weight = sections.reduce((sum, s) => sum + s.weight, 0);
	if (weight === 0) return 0;
	return round1(sections.reduce((sum, s) => sum + s.score * s.weight, 0) / weight);
}

/** The total after a trainer overrides some section scores (the overrides replace those sections' scores). */
export function totalWithOverrides(score: CallScore, overrides: Partial<Record<ScoreSection, number>>): number {
	return weightedTotal(score.sections.map((s) => ({ weight: s.weight, score: overrides[s.section] ?? s.score })));
}
