// When to ask the server for a transcript while the trainee speaks (pure, so it can be unit-tested).
// A running transcript every second shows the trainee what is heard; an "early final" pass starts
// a quarter of a second into a pause, so that when the turn ends (button released, or 0.7 s of quiet in
// hands-free mode) the text of all the speech is already there or nearly.

export const RATE = 16_000;
/** A running transcript is requested at most this often while speaking. */
export const PARTIAL_EVERY_MS = 1000;
/**
 * Quiet after the last voiced frame that starts the final transcription early, and the margin of audio past
 * the voice that a transcript must cover to count as final. Whisper-tiny finishes a 5 s answer in ~0.4 s.
 */
export const EARLY_FINAL_SEC = 0.25;
/** Quiet after which the once-a-second running transcript waits for the trainee to speak again. */
export const QUIET_SKIP_MS = 100;

export interface TurnAudioState {
	/** Samples recorded in this turn. */
	recorded: number;
	/** Samples recorded up to the last frame that sounded like voice (0: none yet). */
	voicedUpTo: number;
	/** ms since that frame. */
	quietMs: number;
	/** ms since the last transcript request. */
	sinceRequestMs: number;
	/** voicedUpTo when a transcript covering all the speech was last requested, or −1. */
	coveredFor: number;
	/** A request of this turn is in flight (never two at once). */
	inflight: boolean;
}

/** Whether a transcript of `samples` samples has all the speech up to `voicedUpTo`, plus the margin. */
export const coversSpeech = (samples: number, voicedUpTo: number) => samples >= voicedUpTo + EARLY_FINAL_SEC * RATE;

/** What to request now: the early final, a running transcript, or nothing. */
export function nextRequest(s: TurnAudioState): 'early-final' | 'running' | null {
	if (s.inflight) return null;
	if (s.voicedUpTo > 0 && s.coveredFor !== s.voicedUpTo && coversSpeech(s.recorded, s.voicedUpTo)) return 'early-final';
	// no running transcript during a pause: it would only hold up the early final behind it
	if (s.sinceRequestMs >= PARTIAL_EVERY_MS && s.quietMs < QUIET_SKIP_MS) return 'running';
	return null;
}
