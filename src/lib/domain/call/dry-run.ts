// Plays a list of trainee moves through the engine with plausible timing: each move happens after the caller
// has finished speaking plus the time it takes to type or click. Used by the scenario editor's dry run and
// by the scenario tests.

import type { Scenario } from '../../schemas/scenario';
import { advanceCall, replayCall, speakingTimeMs, type CallReplay } from './engine';
import type { TimelineEvent } from './events';

type WithoutTime<E> = E extends unknown ? Omit<E, 't'> : never;

/** A trainee move: an event without its time, or a pause. `after` overrides the automatic delay (ms). */
export type TraineeMove =
	| (WithoutTime<Exclude<TimelineEvent, { type: 'customer_utterance' | 'call_started' }>> & { after?: number })
	| { type: 'wait'; ms: number };

/** Typing speed of a practised agent, ms per character. */
const TYPING_MS_PER_CHAR = 60;
const CLICK_MS = 1500;
const AUTOSAVE_CHARS = 60;

export function playMoves(scenario: Scenario, moves: readonly TraineeMove[]): { timeline: TimelineEvent[]; replay: CallReplay } {
	let timeline: TimelineEvent[] = [];
	let replay = replayCall(scenario, []);
	const push = (event: TimelineEvent) => {
		const next = advanceCall(scenario, timeline, event, replay);
		timeline = [...timeline, ...next.appended];
		replay = next.replay;
	};
	push({ type: 'call_started', t: 0, scenarioSlug: scenario.slug });
	let cursor = 0;
	for (const move of moves) {
		if (move.type === 'wait') {
			cursor += move.ms;
			continue;
		}
		const last = timeline.at(-1)!;
		const free = last.type === 'customer_utterance' ? last.t + speakingTimeMs(last.text) : last.t;
		const { after, ...event } = move;
		const delay =
			after ??
			(event.type === 'trainee_utterance'
				? 800 + event.text.length * TYPING_MS_PER_CHAR
				: event.type === 'crm_change'
					? 500 + event.value.length * TYPING_MS_PER_CHAR
					: CLICK_MS);
		const start = Math.max(cursor, free);
		cursor = start + delay;
		if (event.type === 'crm_change') {
			// autosave while typing: a long value arrives as a few growing drafts, as the simulator sends it
			for (let typed = AUTOSAVE_CHARS; typed < event.value.length; typed += AUTOSAVE_CHARS) {
				push({ ...event, value: event.value.slice(0, typed), t: start + typed * TYPING_MS_PER_CHAR });
			}
		}
		push({ ...event, t: cursor } as TimelineEvent);
	}
	return { timeline, replay };
}
