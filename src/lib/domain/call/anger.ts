// How the caller's anger (0 calm … 1 furious) moves: each cause is a signed delta from the scenario's dynamics.

import type { AngerDynamics } from '../../schemas/scenario';
import type { ToneEstimate } from '../tone';
import type { UtteranceAnalysis } from './compiled-scenario';

export const ANGER_CAUSE_KINDS = [
	'acknowledgement',
	'apology',
	'blame',
	'calmDown',
	'jargon',
	'interruption',
	'silence',
	'tone',
	'holdWithoutPermission',
	'holdOverLimit',
	'scenario'
] as const;
export type AngerCauseKind = (typeof ANGER_CAUSE_KINDS)[number];

export interface AngerCause {
	kind: AngerCauseKind;
	delta: number;
	/** the trainee's words (or the scenario trigger) behind it */
	phrase?: string;
}

/** Hostility of the trainee's measured tone above this raises the caller's anger; below it, calms them. */
const NEUTRAL_HOSTILITY = 0.35;

export function toneDelta(dynamics: AngerDynamics, tone: ToneEstimate): number {
	const hostility = clamp01(0.6 * tone.anger + 0.4 * (1 - tone.politeness));
	return dynamics.toneWeight * (hostility - NEUTRAL_HOSTILITY);
}

/** The anger causes of one trainee utterance; repeated apologies and acknowledgements count less each time. */
export function angerCausesOfUtterance(
	dynamics: AngerDynamics,
	counts: { apologies: number; acknowledgements: number },
	analysis: UtteranceAnalysis,
	tone: ToneEstimate | undefined,
	interrupted: boolean
): AngerCause[] {
	const causes: AngerCause[] = [];
	const ack = analysis.intents.get('acknowledgement');
	if (ack !== undefined) {
		causes.push({
			kind: 'acknowledgement',
			delta: dynamics.acknowledgement * dynamics.repeatFactor ** counts.acknowledgements,
			phrase: ack
		});
	}
	const apology = analysis.intents.get('apology');
	if (apology !== undefined) {
		causes.push({ kind: 'apology', delta: dynamics.apology * dynamics.repeatFactor ** counts.apologies, phrase: apology });
	}
	// talking down to the caller (তুমি / তুই in a Bengali call) offends like blame does
	const blame = analysis.intents.get('blame') ?? analysis.intents.get('informal_address');
	if (blame !== undefined) causes.push({ kind: 'blame', delta: dynamics.blame, phrase: blame });
	const calmDown = analysis.intents.get('calm_down');
	if (calmDown !== undefined) causes.push({ kind: 'calmDown', delta: dynamics.calmDown, phrase: calmDown });
	for (const term of analysis.jargon.slice(0, 3)) causes.push({ kind: 'jargon', delta: dynamics.jargon, phrase: term });
	if (interrupted) causes.push({ kind: 'interruption', delta: dynamics.interruption });
	if (tone) {
		const delta = toneDelta(dynamics, tone);
		if (delta < 0 || (delta > 0 && toneMayRaise(analysis, tone))) causes.push({ kind: 'tone', delta });
	}
	return causes;
}

/** Lines whose words are courteous (an apology, an acknowledgement, thanks, an offer of help). */
const COURTEOUS_INTENTS = ['apology', 'acknowledgement', 'courtesy', 'thank_for_holding', 'offer_help'];
/** The tone estimate must call a line angry at least this much before its tone may raise the caller's anger. */
export const TONE_RAISES_FROM = 0.65;

/**
 * Whether the trainee's tone may make the caller angrier: only a line the tone estimate finds clearly angry, and
 * never one whose words are courteous. A factual statement or an apology is not penalised for sounding flat.
 */
export function toneMayRaise(analysis: UtteranceAnalysis, tone: ToneEstimate): boolean {
	return tone.anger >= TONE_RAISES_FROM && !COURTEOUS_INTENTS.some((name) => analysis.intents.has(name));
}

export function applyAnger(anger: number, causes: readonly AngerCause[]): number {
	let next = anger;
	for (const cause of causes) next += cause.delta;
	// rounded so a replay in another JS engine lands on the same numbers
	return Math.round(clamp01(next) * 10_000) / 10_000;
}

function clamp01(x: number): number {
	return x < 0 ? 0 : x > 1 ? 1 : x;
}
