// The analysis of one answer as the API returns it: the worker's transcript and prosody, plus the tone of the
// words, which the web process adds (the text tone model stays there; its sentence encoder runs in a worker thread of
// that process, see sentence-encoder.ts).

import { combineTone, type Prosody, type ToneEstimate } from '../../domain/tone';
import type { Transcript } from './jobs';
import { estimateTextTone } from './tone';

export interface Analysis {
	transcript: Transcript;
	prosody: Prosody;
	/** Words and voice combined (see combineTone in src/lib/domain/tone.ts). */
	tone: ToneEstimate;
	/** The words alone. */
	textTone: ToneEstimate;
}

export function completeAnalysis(transcript: Transcript, prosody: Prosody): Analysis {
	// what a trainee said, in the agent's seat: the model's agent anger head
	const textTone = estimateTextTone(transcript.text, { speaker: 'agent' });
	return { transcript, prosody, textTone, tone: combineTone(textTone, prosody) };
}
