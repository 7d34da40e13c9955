// Anger control: the caller's mood over the call (start, peak, end, time to calm) and the trainee's words
// and actions that raised or lowered it.

import { ANGER_CAUSE_KINDS, type AngerCauseKind } from '../domain/call/anger';
import type { EngineStep } from '../domain/call/engine';
import type { TimelineEvent } from '../domain/call/events';
import type { Scenario } from '../schemas/scenario';
import { callEndEvidence } from './evidence';
import type { AngerSummary, Deduction, FindingNote, PhraseEffect } from './types';

/** Causes the trainee is responsible for; scenario-scripted moves are the plot, not the trainee's doing. */
const TRAINEE_CAUSES: ReadonlySet<AngerCauseKind> = new Set(ANGER_CAUSE_KINDS.filter((k) => k !== 'scenario'));

const CAUSE_LABELS: Record<AngerCauseKind, string> = {
	acknowledgement: 'acknowledgement',
	apology: 'apology',
	blame: 'blaming the caller',
	calmDown: 'telling the caller to calm down',
	jargon: 'jargon',
	interruption: 'interrupting',
	silence: 'a long silence',
	tone: 'your tone',
	holdWithoutPermission: 'a hold without asking',
	holdOverLimit: 'a hold over the limit',
	scenario: 'progress on the problem'
};

/** Points lost for a caller still upset at the end, at most. */
const UPSET_AT_END_POINTS = 40;

export function summariseAnger(scenario: Scenario, events: readonly TimelineEvent[], steps: readonly EngineStep[]): AngerSummary {
	const calmBelow = scenario.anger.calmBelow;
	const start = scenario.anger.start;
	const curve: AngerSummary['curve'] = [{ t: 0, eventIndex: 0, anger: start }];
	let peak = start;
	let upsetSince: number | null = start >= calmBelow ? 0 : null;
	let timeToCalmMs: number | null = null;
	const raisedBy: PhraseEffect[] = [];
	const loweredBy: PhraseEffect[] = [];
	for (const step of steps) {
		if (step.angerAfter !== step.angerBefore) curve.push({ t: step.t, eventIndex: step.eventIndex, anger: step.angerAfter });
		peak = Math.max(peak, step.angerAfter);
		if (upsetSince === null && step.angerAfter >= calmBelow) upsetSince = step.t;
		if (upsetSince !== null && timeToCalmMs === null && step.angerAfter < calmBelow) timeToCalmMs = step.t - upsetSince;
		const own = step.causes.filter((c) => TRAINEE_CAUSES.has(c.kind));
		const ownDelta = own.reduce((sum, c) => sum + c.delta, 0);
		// feedback claims only the mood change that happened: a step whose mood fell overall did not make the
		// caller angrier, whatever one cause in it did (and the other way round)
		const moved = step.angerAfter - step.angerBefore;
		const delta = Math.sign(ownDelta) === Math.sign(moved) ? Math.sign(ownDelta) * Math.min(Math.abs(ownDelta), Math.abs(moved)) : 0;
		if (own.length === 0 || delta === 0) continue;
		const event = events[step.eventIndex];
		const effect: PhraseEffect = {
			eventIndex: step.eventIndex,
			text: event.type === 'trainee_utterance' ? event.text : describeEvent(event),
			delta: Math.round(delta * 1000) / 1000,
			causes: own.map((c) => c.kind)
		};
		(delta > 0 ? raisedBy : loweredBy).push(effect);
	}
	return {
		start,
		peak,
		end: steps.at(-1)?.angerAfter ?? start,
		timeToCalmMs,
		calmBelow,
		curve,
		raisedBy,
		loweredBy
	};
}

export function scoreAngerControl(
	summary: AngerSummary,
	events: readonly TimelineEvent[],
	steps: readonly EngineStep[]
): { score: number; deductions: Deduction[] } {
	let remaining = 100;
	const deductions: Deduction[] = [];
	const deduct = (points: number, message: string, note: FindingNote, eventIndex: number) => {
		const p = Math.min(remaining, points);
		if (p <= 0) return;
		remaining -= p;
		deductions.push({ section: 'angerControl', topic: 'angerControl', points: p, message, note, evidence: [{ eventIndex }] });
	};
	for (const effect of summary.raisedBy) {
		const step = steps.find((s) => s.eventIndex === effect.eventIndex)!;
		const kinds = step.causes.filter((c) => TRAINEE_CAUSES.has(c.kind) && c.delta > 0);
		if (kinds.length === 0) continue;
		const causes = [...new Set(kinds.map((c) => c.kind))];
		const label = causes.map((k) => CAUSE_LABELS[k]).join(', ');
		const phrase = kinds.find((c) => c.phrase)?.phrase;
		deduct(
			Math.round(effect.delta * 100),
			`The caller got angrier after ${label}${phrase ? ` ("${phrase}")` : ''}.`,
			// causes as their codes, comma-separated, so a page can name each in its own language
			phrase ? { code: 'angrier_after_phrase', params: { causes: causes.join(','), phrase } } : { code: 'angrier_after', params: { causes: causes.join(',') } },
			effect.eventIndex
		);
	}
	// a caller left exactly at the calm threshold counts as calmed; above it the points grow with how upset they are
	if (summary.end > summary.calmBelow) {
		const share = (summary.end - summary.calmBelow) / Math.max(0.01, 1 - summary.calmBelow);
		deduct(
			Math.max(2, Math.round(share * UPSET_AT_END_POINTS)),
			`The caller was still upset at the end of the call (anger ${summary.end.toFixed(2)}).`,
			{ code: 'still_upset', params: { anger: summary.end.toFixed(2) } },
			callEndEvidence(events)[0].eventIndex
		);
	}
	return { score: remaining, deductions };
}

function describeEvent(event: TimelineEvent): string {
	switch (event.type) {
		case 'hold_start':
			return 'Put the caller on hold';
		case 'hold_end':
			return 'Took the caller off hold';
		default:
			return event.type.replace(/_/g, ' ');
	}
}
