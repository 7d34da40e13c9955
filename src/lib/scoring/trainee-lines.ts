// The trainee's utterances with the intents found in them, analysed once per scoring run.

import { analyseEvent, type CompiledScenario, type UtteranceAnalysis } from '../domain/call/compiled-scenario';
import type { TimelineEvent } from '../domain/call/events';
import { EventFold } from '../domain/call/event-fold';

export interface TraineeLine {
	index: number;
	t: number;
	text: string;
	analysis: UtteranceAnalysis;
}

export function traineeLines(compiled: CompiledScenario, events: readonly TimelineEvent[]): TraineeLine[] {
	return new TraineeLinesFold(compiled).extend(events).lines;
}

/** The trainee's lines of a growing timeline (live coaching): `extend` reads only the events added since. */
export class TraineeLinesFold extends EventFold {
	readonly lines: TraineeLine[] = [];
	constructor(readonly compiled: CompiledScenario) {
		super();
	}

	protected take(event: TimelineEvent, index: number): void {
		if (event.type === 'trainee_utterance') {
			this.lines.push({ index, t: event.t, text: event.text, analysis: analyseEvent(this.compiled, event) });
		}
	}
}
