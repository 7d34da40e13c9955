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
	const lines: TraineeLine[] = [];
	events.forEach((event, index) => {
		if (event.type === 'trainee_utterance') {
			lines.push({ index, t: event.t, text: event.text, analysis: analyseEvent(compiled, event) });
		}
	});
	return lines;
}
