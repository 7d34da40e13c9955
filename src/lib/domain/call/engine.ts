// The scripted caller: a pure, deterministic reducer over the call timeline. Given a scenario and the events so
// far it knows the dialogue state, what the caller says next and how angry the caller is after every event.

import type { DialogueTransition, Scenario } from '../../schemas/scenario';
import { analyseEvent, compileScenario, type UtteranceAnalysis } from './compiled-scenario';
import { angerCausesOfUtterance, applyAnger, type AngerCause } from './anger';
import { outboundOutcome, ringingMs } from './outbound';
import { crmActionOf, type CrmAction, type CustomerUtteranceEvent, type TimelineEvent, type TraineeUtteranceEvent } from './events';

/** Milliseconds the caller waits before answering, and the speaking rate used to time lines. */
export const REPLY_DELAY_MS = 700;
const MS_PER_WORD = 400;

export interface CallEngineState {
	stateId: string;
	anger: number;
	ended: boolean;
	onHold: boolean;
	holdStartedAt: number | null;
	/** the trainee asked before the next hold */
	holdPermissionAsked: boolean;
	/** what the caller will say once taken off hold (the caller hears nothing while held) */
	pendingSay: string[];
	/** the dialogue reached its end, and the caller waits for the agent's goodbye before hanging up */
	awaitingGoodbye: boolean;
	/** the caller's last line, so no line is said twice in a row */
	lastCallerLine: string | null;
	/** CRM actions seen so far, each once */
	actions: CrmAction[];
	/** transitions with once: true that already fired ("state#index" or "any#index") */
	firedOnce: string[];
	/** unmatched utterances in the current state, to cycle its fallback lines */
	fallbackCount: number;
	/** when the last speech (either side) finished */
	lastSpeechEndsAt: number;
	customerSpeakingUntil: number;
	/** long-silence penalties already applied in the current silence */
	silencePenalties: number;
	apologies: number;
	acknowledgements: number;
}

export interface EngineStep {
	eventIndex: number;
	t: number;
	stateBefore: string;
	stateAfter: string;
	angerBefore: number;
	angerAfter: number;
	causes: AngerCause[];
	/** what the caller says in reply to this event */
	say: string[];
	/** intents recognised in a trainee utterance: name → phrase */
	intents: Record<string, string>;
	/** what moved the dialogue, e.g. "intent:apology" or "action:ticket_created" */
	trigger: string | null;
	/** extra wait before the caller's reply: an outbound call rings before anyone (or the voicemail) answers */
	ringMs?: number;
}

export function initialCallState(scenario: Scenario): CallEngineState {
	return {
		stateId: scenario.dialogue.start,
		anger: scenario.anger.start,
		ended: false,
		onHold: false,
		holdStartedAt: null,
		holdPermissionAsked: false,
		pendingSay: [],
		awaitingGoodbye: false,
		lastCallerLine: null,
		actions: [],
		firedOnce: [],
		fallbackCount: 0,
		lastSpeechEndsAt: 0,
		customerSpeakingUntil: 0,
		silencePenalties: 0,
		apologies: 0,
		acknowledgements: 0
	};
}

export function speakingTimeMs(text: string): number {
	let words = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const space = text.charCodeAt(i) <= 32;
		if (!space && !inWord) words++;
		inWord = !space;
	}
	return Math.max(800, words * MS_PER_WORD);
}

/**
 * Whether a trainee line talked over the caller, who speaks until `customerSpeakingUntil`. Only speech can: a typed
 * line is read once the caller has finished.
 */
export function talksOverCaller(event: TraineeUtteranceEvent, customerSpeakingUntil: number): boolean {
	return (
		event.interrupted === true ||
		(event.prosody !== undefined && ((event.prosody.overtalkSec ?? 0) > 0 || event.t < customerSpeakingUntil))
	);
}

/** Applies one event; returns the next state and what happened. Never mutates its inputs. */
export function stepCall(
	scenario: Scenario,
	before: CallEngineState,
	event: TimelineEvent,
	eventIndex: number
): { state: CallEngineState; step: EngineStep } {
	// arrays are replaced, never mutated, so unchanged ones can be shared with the previous state
	const state: CallEngineState = { ...before };
	const causes: AngerCause[] = [];
	const say: string[] = [];
	let intents: Record<string, string> = {};
	let trigger: string | null = null;
	let ringMs = 0;
	const dynamics = scenario.anger.dynamics;

	if (!state.ended && !state.onHold && event.type !== 'call_started') {
		causes.push(...silenceCauses(scenario, state, event.t));
	}

	const lines = scenario.dialogue.lines;
	const fire = (
		kind: 'intent' | 'action',
		match: (t: DialogueTransition) => boolean,
		label: (t: DialogueTransition) => string,
		agentClosed = false
	) => {
		// an action that ends the dialogue (a transfer) ends it at once; so does the agent's own goodbye
		const found = findTransition(scenario, state, match);
		if (!found) return false;
		const { transition, key } = found;
		trigger = `${kind}:${label(transition)}`;
		if (transition.once) state.firedOnce = [...state.firedOnce, key];
		// a remark on what the agent does goes unheard while the caller is on hold
		if (!state.onHold) say.push(...(transition.say ?? []));
		if (transition.anger) causes.push({ kind: 'scenario', delta: transition.anger, phrase: trigger });
		if (transition.to !== undefined && transition.to !== state.stateId) {
			state.stateId = transition.to;
			state.fallbackCount = 0;
			const next = scenario.dialogue.states[transition.to];
			if (state.onHold) state.pendingSay = [...state.pendingSay, ...next.say];
			else say.push(...next.say);
			if (next.end) {
				// the caller hangs up only after the agent's goodbye: when the agent has already said it, now
				if (kind === 'action') state.ended = true;
				else if (agentClosed) {
					say.push(...lines.goodbye);
					state.ended = true;
				} else state.awaitingGoodbye = true;
			}
		}
		return true;
	};

	switch (event.type) {
		case 'call_started': {
			ringMs = ringingMs(scenario);
			say.push(...scenario.dialogue.states[state.stateId].say);
			break;
		}
		case 'customer_utterance': {
			state.customerSpeakingUntil = event.t + speakingTimeMs(event.text);
			state.lastCallerLine = event.text;
			markSpeech(state, state.customerSpeakingUntil);
			break;
		}
		case 'trainee_utterance': {
			// a caller on hold hears nothing; after the call nobody is listening
			if (state.ended || state.onHold) break;
			const analysis = analyseEvent(compileScenario(scenario), event);
			intents = Object.fromEntries(analysis.intents);
			const interrupted = talksOverCaller(event, state.customerSpeakingUntil);
			causes.push(...angerCausesOfUtterance(dynamics, state, analysis, event.tone, interrupted));
			if (analysis.intents.has('apology')) state.apologies += 1;
			if (analysis.intents.has('acknowledgement')) state.acknowledgements += 1;
			if (interrupted) say.push(...lines.interrupted);
			markSpeech(state, event.t + (event.prosody ? event.prosody.durationSec * 1000 : speakingTimeMs(event.text)));
			if (state.awaitingGoodbye) {
				// whatever the agent says now is their last line: the caller says goodbye and hangs up
				trigger = analysis.intents.has('close') ? 'intent:close' : null;
				say.push(...lines.goodbye);
				state.awaitingGoodbye = false;
				state.ended = true;
				break;
			}
			const asksHold = analysis.intents.has('ask_hold');
			if (asksHold) state.holdPermissionAsked = true;
			const matched = fire(
				'intent',
				(t) => t.intent !== undefined && intentMatches(t.intent, analysis),
				(t) => firstMatchingIntent(t.intent!, analysis),
				analysis.intents.has('close')
			);
			if (asksHold && !state.ended) {
				// a hold request gets an answer, and a hold is what the caller now waits for
				say.push(...(state.anger >= scenario.anger.calmBelow ? lines.holdAgreeUpset : lines.holdAgree));
			} else if (!matched && !analysis.intents.has('working')) say.push(...fallbackLine(scenario, state));
			break;
		}
		case 'hold_start': {
			if (!state.holdPermissionAsked && !state.ended) {
				causes.push({ kind: 'holdWithoutPermission', delta: dynamics.holdWithoutPermission });
			}
			state.holdPermissionAsked = false;
			state.onHold = true;
			state.holdStartedAt = event.t;
			break;
		}
		case 'hold_end': {
			if (state.onHold && state.holdStartedAt !== null && !state.ended) {
				const heldMs = event.t - state.holdStartedAt;
				const limitMs = scenario.holdLimitSeconds * 1000;
				if (heldMs > limitMs) {
					const times = 1 + Math.floor((heldMs - limitMs) / 60_000);
					causes.push({ kind: 'holdOverLimit', delta: dynamics.holdOverLimit * times });
					say.push(...lines.longHold);
				} else {
					say.push(...lines.resume);
				}
			}
			say.push(...state.pendingSay);
			state.pendingSay = [];
			state.onHold = false;
			state.holdStartedAt = null;
			markSpeech(state, event.t);
			break;
		}
		case 'call_ended': {
			state.ended = true;
			break;
		}
		default:
			break;
	}

	const action = crmActionOf(event);
	if (action) {
		if (!state.actions.includes(action)) state.actions = [...state.actions, action];
		if (!state.ended) {
			const target = event.type === 'transfer' ? event.to : null;
			fire(
				'action',
				(t) => t.action === action && (t.target === undefined || target === null || namesQueue(t.target, target)),
				(t) => t.action!
			);
		}
	}

	const angerBefore = before.anger;
	state.anger = applyAnger(angerBefore, causes);
	return {
		state,
		step: {
			eventIndex,
			t: event.t,
			stateBefore: before.stateId,
			stateAfter: state.stateId,
			angerBefore,
			angerAfter: state.anger,
			causes,
			say,
			intents,
			trigger,
			...(ringMs > 0 ? { ringMs } : {})
		}
	};
}

export interface CallReplay {
	state: CallEngineState;
	steps: EngineStep[];
}

/** Folds the whole timeline through the engine. */
export function replayCall(scenario: Scenario, events: readonly TimelineEvent[]): CallReplay {
	let state = initialCallState(scenario);
	const steps: EngineStep[] = [];
	events.forEach((event, index) => {
		const next = stepCall(scenario, state, event, index);
		state = next.state;
		steps.push(next.step);
	});
	return { state, steps };
}

/** The caller's lines for a step as timeline events, timed after the event that prompted them. */
export function customerReplyEvents(step: EngineStep): CustomerUtteranceEvent[] {
	let t = step.t + (step.ringMs ?? 0) + REPLY_DELAY_MS;
	return step.say.map((text) => {
		const event: CustomerUtteranceEvent = { type: 'customer_utterance', t, text, stateId: step.stateAfter };
		t += speakingTimeMs(text) + 300;
		return event;
	});
}

/**
 * Appends an event and the caller's replies to it: the one call the simulator makes per trainee action.
 * `replay` is the replay of `events` (pass it to avoid folding the timeline again).
 */
export function advanceCall(
	scenario: Scenario,
	events: readonly TimelineEvent[],
	event: TimelineEvent,
	replay: CallReplay = replayCall(scenario, events)
): { appended: TimelineEvent[]; replay: CallReplay } {
	return advanceCallAt(scenario, events.length, event, replay);
}

/**
 * advanceCall from the engine state alone: `seq` is the new event's position on the timeline. The server appends
 * with it, so a long call's events are never read again (the state carries everything the engine needs).
 */
export function advanceCallAt(scenario: Scenario, seq: number, event: TimelineEvent, replay: CallReplay): { appended: TimelineEvent[]; replay: CallReplay } {
	const steps = [...replay.steps];
	const first = stepCall(scenario, replay.state, event, seq);
	let state = first.state;
	steps.push(first.step);
	const replies = customerReplyEvents(first.step);
	replies.forEach((reply, i) => {
		const next = stepCall(scenario, state, reply, seq + 1 + i);
		state = next.state;
		steps.push(next.step);
	});
	return { appended: [event, ...replies], replay: { state, steps } };
}

/** What the caller says after `nowMs` with nobody speaking, or [] (the simulator polls this). */
export function silencePrompt(scenario: Scenario, state: CallEngineState, nowMs: number): string[] {
	// nobody picked up a no-answer call, so nobody asks whether the agent is still there
	if (state.ended || state.onHold || outboundOutcome(scenario) === 'no_answer') return [];
	const silentFor = nowMs - Math.max(state.lastSpeechEndsAt, state.customerSpeakingUntil);
	return silentFor > scenario.anger.dynamics.silenceSeconds * 1000 ? scenario.dialogue.lines.silence : [];
}

function markSpeech(state: CallEngineState, endsAt: number) {
	state.lastSpeechEndsAt = Math.max(state.lastSpeechEndsAt, endsAt);
	state.silencePenalties = 0;
}

function silenceCauses(scenario: Scenario, state: CallEngineState, t: number): AngerCause[] {
	const limitMs = scenario.anger.dynamics.silenceSeconds * 1000;
	const silentFor = t - Math.max(state.lastSpeechEndsAt, state.customerSpeakingUntil);
	const due = Math.min(3, Math.floor(silentFor / limitMs));
	if (due <= state.silencePenalties) return [];
	const causes: AngerCause[] = [];
	for (let i = state.silencePenalties; i < due; i++) {
		causes.push({ kind: 'silence', delta: scenario.anger.dynamics.longSilence });
	}
	state.silencePenalties = due;
	return causes;
}

function findTransition(
	scenario: Scenario,
	state: CallEngineState,
	match: (t: DialogueTransition) => boolean
): { transition: DialogueTransition; key: string } | null {
	const lists: [string, DialogueTransition[]][] = [
		[state.stateId, scenario.dialogue.states[state.stateId]?.on ?? []],
		['any', scenario.dialogue.anyState]
	];
	for (const [prefix, list] of lists) {
		for (let i = 0; i < list.length; i++) {
			const transition = list[i];
			const key = `${prefix}#${i}`;
			if (transition.once && state.firedOnce.includes(key)) continue;
			if (transition.requires && !transition.requires.every((a) => state.actions.includes(a))) continue;
			if (match(transition)) return { transition, key };
		}
	}
	return null;
}

function intentMatches(intent: string | string[], analysis: UtteranceAnalysis): boolean {
	const names = Array.isArray(intent) ? intent : [intent];
	return names.some((name) => name === 'any' || analysis.intents.has(name));
}

function firstMatchingIntent(intent: string | string[], analysis: UtteranceAnalysis): string {
	const names = Array.isArray(intent) ? intent : [intent];
	return names.find((name) => name === 'any' || analysis.intents.has(name)) ?? names[0];
}

/**
 * What the caller says when nothing matched: the state's fallback lines, then clarifying questions, in turn,
 * never the caller's previous line again.
 */
function fallbackLine(scenario: Scenario, state: CallEngineState): string[] {
	const own = scenario.dialogue.states[state.stateId]?.fallback ?? [];
	// a state without fallback lines is one where the caller waits quietly
	if (own.length === 0) return [];
	const clarify = scenario.dialogue.lines.clarify;
	const lines: string[] = [];
	for (let i = 0; i < Math.max(own.length, clarify.length); i++) {
		if (i < own.length) lines.push(own[i]);
		if (i < clarify.length) lines.push(clarify[i]);
	}
	if (lines.length === 0) return [];
	for (let tries = 0; tries < lines.length; tries++) {
		const line = lines[state.fallbackCount % lines.length];
		state.fallbackCount += 1;
		if (line !== state.lastCallerLine) return [line];
	}
	return [];
}

/** A transfer reaches the target queue when it names all of the target's words ("Priority services team"). */
function namesQueue(target: string, chosen: string): boolean {
	const words = (x: string) => x.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
	const picked = new Set(words(chosen));
	return words(target).every((w) => picked.has(w));
}
