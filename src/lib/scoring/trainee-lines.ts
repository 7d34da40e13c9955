// The trainee's utterances with the intents found in them, analysed once per scoring run.

import { analyseEvent, type CompiledScenario, type UtteranceAnalysis } from '../domain/call/compiled-scenario';
import type { TimelineEvent } from '../domain/call/events';

export interface TraineeLine {
	index: number;
	t: number;
	text: string;
	analysis: UtteranceAnalysis;
}

export function traineeLines(compiled: CompiledScenario, events: readonly TimelineEvent[]): TraineeLine[] {
	return new TraineeLinesFold(compiled).extend(events).lines;
}

/** The trainee's lines of a growing timeline: `extend` reads only the events added since (they must continue them). */
export class TraineeLinesFold {
	readonly lines: TraineeLine[] = [];
	#read = 0;
	constructor(readonly compiled: CompiledScenario) {}

	extend(events: readonly TimelineEvent[]): this {
		for (let index = this.#read; index < events.length; index++) {
			const event = events[index];
			if (event.type === 'trainee_utterance') {
				this.lines.push({ index, t: event.t, text: event.text, analysis: analyseEvent(this.compiled, event) });
			}
		}
		this.#read = Math.max(this.#read, events.length);
		return this;
	}
}
