// Tone of a typed or transcribed utterance from our own text model (see docs/tone-model-card.md).
// The committed model file is bundled with the server and decoded once, on first use.

import type { ToneEstimate } from '../../domain/tone';
import modelFile from './tone-model.json';
import { decodeToneModel, predictTone, type ToneModel, type ToneModelFile } from './tone-model';

let model: ToneModel | null = null;

function loadedModel(): ToneModel {
	model ??= decodeToneModel(modelFile as unknown as ToneModelFile);
	return model;
}

/** Text-only tone of one utterance; synchronous, well under 1 ms after the first call. */
export function estimateTextTone(text: string): ToneEstimate {
	const p = predictTone(loadedModel(), text);
	return {
		anger: p.anger,
		sentiment: { negative: p.sentiment[0], neutral: p.sentiment[1], positive: p.sentiment[2] },
		politeness: p.politeness,
		source: 'text'
	};
}

/** The probability at or above which the model calls an utterance angry (chosen on the dev split). */
export function angerThreshold(): number {
	return loadedModel().angerThreshold;
}
