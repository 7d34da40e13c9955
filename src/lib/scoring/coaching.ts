// Live coaching for practice calls: the etiquette checklist so far, cues when they matter (talking over the
// caller, anger rising after a blame phrase, required CRM fields still empty as the call closes, dead air rising)
// and the record's progress. Built from the same engine and scoring functions that score the call, never a copy.

import { analyseEvent, compileScenario } from '../domain/call/compiled-scenario';
import { RecordFold } from '../domain/call/crm-record';
import { speakingTimeMs, talksOverCaller, type CallEngineState } from '../domain/call/engine';
import type { TimelineEvent, TraineeUtteranceEvent } from '../domain/call/events';
import { DEAD_AIR_MS, ETIQUETTE_LABELS, type EtiquetteItem } from '../domain/call/score-sections';
import type { Scenario } from '../schemas/scenario';
import { checkEtiquetteSoFar, type EtiquetteFolds } from './etiquette';
import { expectedFields } from './expected-fields';
import { sectionLabel } from './record-accuracy';
import { TraineeLinesFold } from './trainee-lines';
import { TimelineFacts } from './timeline-facts';
import type { FindingNote } from './types';

export type CoachingStatus = 'met' | 'open' | 'missed';

export interface CoachingItem {
	item: EtiquetteItem;
	label: string;
	status: CoachingStatus;
	/** what was met or missed, or what to do while it is still open */
	message: string;
	/** what was met or missed as a code and values (src/lib/sim/coach-text.ts words it in the reader's language) */
	note?: FindingNote;
}

export const COACHING_CUE_KINDS = ['deadAir', 'overtalk', 'blame', 'emptyField'] as const;
export type CoachingCueKind = (typeof COACHING_CUE_KINDS)[number];

export interface CoachingCue {
	kind: CoachingCueKind;
	/** the cue in English; the parts below let a page word it in the reader's language */
	message: string;
	/** the timeline event the cue is about */
	eventIndex?: number;
	/** deadAir: whole seconds of quiet, and whether that already counts against the trainee */
	seconds?: number;
	counts?: boolean;
	/** blame: the phrase that sounded like blame */
	phrase?: string;
	/** emptyField: the required fields still empty, and whether the call has already ended */
	fields?: { section: string; field: string; label: string }[];
	ended?: boolean;
}

export interface Coaching {
	checklist: CoachingItem[];
	cues: CoachingCue[];
	/** the CRM fields the call needs (the after-call e-mail aside): how many are filled, and which are empty */
	record: { filled: number; required: number; empty: string[] };
}

export interface CoachingInput {
	scenario: Scenario;
	events: readonly TimelineEvent[];
	/** the caller's anger after each event (as stored with the timeline) */
	angers: readonly number[];
	/** the engine's state now: whether the dialogue has reached its end */
	engine: Pick<CallEngineState, 'awaitingGoodbye' | 'ended'>;
	traineeName?: string;
	/** kept per call between events of a growing timeline (the server's memo): folds read only the new events */
	folds?: CoachingFolds;
}

/** What live coaching keeps per call: the etiquette folds, the trainee's lines and the CRM record so far. */
export interface CoachingFolds extends EtiquetteFolds {
	lines?: TraineeLinesFold;
	record?: RecordFold;
}

/** What to do about an item that is still open. */
const OPEN_HINTS: Record<EtiquetteItem, (s: Scenario) => string> = {
	greeting: (s) => `Greet the caller with ${s.company} and your own name.`,
	identityBeforeDisclosure: () => 'Verify the caller (and tick Verify identity) before you discuss the account.',
	holdPermission: () => 'If you need a hold: ask first, and thank the caller when you are back.',
	holdLimit: (s) => `Keep any hold under ${s.holdLimitSeconds} s.`,
	deadAir: () => 'Keep talking or typing: no silence over 10 s.',
	summary: () => 'Before you close, summarise what happens next.',
	furtherHelp: () => 'Ask whether there is anything else you can help with.',
	politeClose: () => 'Close with thanks and a goodbye.',
	respectfulAddress: () => 'Address the caller as আপনি throughout, never তুমি or তুই.',
	voicemailMessage: (s) =>
		`Leave your name, ${s.company}, why you called and ${s.outbound?.callbackNumber ?? 'a number'} to call back; no account details.`,
	wrongNumberApology: () => 'Not the customer: say nothing about the account, apologise for the mistake and end politely.'
};

/** Intents that say the trainee is wrapping the call up: the moment to check the record. */
const CLOSING_INTENTS = ['summary', 'offer_help', 'close'];

export function coachCall(input: CoachingInput): Coaching {
	const { scenario, events, angers, engine } = input;
	const compiled = compileScenario(scenario);
	const folds = input.folds ?? {};
	if (folds.lines?.compiled !== compiled) folds.lines = new TraineeLinesFold(compiled);
	const lines = folds.lines.extend(events).lines;
	const facts = (folds.facts ??= new TimelineFacts()).extend(events);
	const checklist = checkEtiquetteSoFar({ scenario, events, lines, vocabulary: compiled.vocabulary, traineeName: input.traineeName, folds });
	const ended = engine.ended || facts.endIndex >= 0;
	const held = facts.holds.length > 0;

	const items = checklist.map(
		(check): CoachingItem => {
			const label = ETIQUETTE_LABELS[check.item];
			const holdItem = check.item === 'holdPermission' || check.item === 'holdLimit';
			if (check.passed && !(holdItem && !held)) return { item: check.item, label, status: 'met', message: check.message, note: check.note };
			if (check.passed || (check.notYet && !ended)) return { item: check.item, label, status: 'open', message: OPEN_HINTS[check.item](scenario) };
			return { item: check.item, label, status: 'missed', message: check.message, note: check.note };
		}
	);

	const record = (folds.record ??= new RecordFold()).extend(events).state.record;
	const required = expectedFields(scenario, compiled.vocabulary).filter((f) => f.section !== 'acknowledgement');
	const emptyFields = required.filter(
		(f) => !((record[f.section as keyof typeof record] as Record<string, string | undefined>)[f.field] ?? '').trim()
	);
	const empty = emptyFields.map((f) => `${sectionLabel(f.section)} › ${f.label}`);

	const cues: CoachingCue[] = [];
	const last = lines.at(-1);
	if (last && !ended) {
		const event = events[last.index] as TraineeUtteranceEvent;
		if (talksOverCaller(event, callerSpeakingUntil(events, last.index))) {
			cues.push({ kind: 'overtalk', eventIndex: last.index, message: 'You talked over the caller. Let them finish before you answer.' });
		}
		const before = last.index > 0 ? angers[last.index - 1] : scenario.anger.start;
		const blame = analyseEvent(compiled, event).intents.get('blame');
		if (blame !== undefined && angers[last.index] > before) {
			cues.push({
				kind: 'blame',
				eventIndex: last.index,
				phrase: blame,
				message: `“${blame}” sounded like blame, and the caller got angrier. Acknowledge how they feel and apologise.`
			});
		}
	}
	const closing = ended || engine.awaitingGoodbye || (last !== undefined && CLOSING_INTENTS.some((i) => last.analysis.intents.has(i)));
	if (closing && empty.length > 0) {
		cues.push({
			kind: 'emptyField',
			fields: emptyFields.map((f) => ({ section: f.section, field: f.field, label: f.label })),
			ended,
			message: `${ended ? 'Still empty' : 'Before the call ends, fill in'}: ${groupBySection(emptyFields)}.`
		});
	}
	return { checklist: items, cues, record: { filled: required.length - empty.length, required: required.length, empty } };
}

/** Dead air rising: from half the dead-air limit on, the cue counts the seconds (the browser's clock drives it). */
export const DEAD_AIR_WARN_MS = DEAD_AIR_MS / 2;

export function deadAirCue(quietMs: number): CoachingCue | null {
	if (quietMs < DEAD_AIR_WARN_MS) return null;
	const s = Math.floor(quietMs / 1000);
	return {
		kind: 'deadAir',
		seconds: s,
		counts: quietMs >= DEAD_AIR_MS,
		message:
			quietMs < DEAD_AIR_MS
				? `${s} s of silence. Tell the caller what you are doing.`
				: `${s} s of dead air: this counts against you. Say something now.`
	};
}

/** The cues to show now: dead air ticking in the browser (while the call is live) first, then the server's. */
export function liveCues(coaching: Pick<Coaching, 'cues'> | null, quietMs: number, live: boolean): CoachingCue[] {
	const deadAir = live ? deadAirCue(quietMs) : null;
	return [...(deadAir ? [deadAir] : []), ...(coaching?.cues ?? [])];
}

/** When the caller's last line before event `index` ends, timed as the engine times it. */
function callerSpeakingUntil(events: readonly TimelineEvent[], index: number): number {
	for (let i = index - 1; i >= 0; i--) {
		const e = events[i];
		if (e.type === 'customer_utterance') return e.t + speakingTimeMs(e.text);
	}
	return 0;
}

/** "Interaction log: Channel, Notes; Ticket: Subject" */
function groupBySection(fields: readonly { section: Parameters<typeof sectionLabel>[0]; label: string }[]): string {
	const groups = new Map<string, string[]>();
	for (const f of fields) groups.set(sectionLabel(f.section), [...(groups.get(sectionLabel(f.section)) ?? []), f.label]);
	return [...groups].map(([section, labels]) => `${section}: ${labels.join(', ')}`).join('; ');
}
