// Errors of the speech service that the API turns into JSON answers (see api.ts speechFailure). Kept in a module
// without model imports, so the web process can use them without loading Whisper or the VAD.

export type VoiceUnavailableReason = 'loading' | 'disabled' | 'restarting' | 'unavailable';

export class SpeechUnavailableError extends Error {
	constructor(
		/** loading: models loading; restarting: the worker is being restarted; unavailable: no worker or Redis down; disabled: off for good. */
		readonly reason: VoiceUnavailableReason,
		message: string
	) {
		super(message);
	}
}

/**
 * A job during which the worker process died twice (it was retried once, on another worker or the restarted one).
 * Such a job ("poisoned": audio that crashes inference) is not tried a third time, so it never blocks the queue.
 */
export class PoisonJobError extends Error {
	constructor() {
		super('The speech worker stopped twice while processing this audio, so it was not tried again. Record the answer again or type it.');
	}
}

/** One account's fair share of the speech service is used up (see fair-use.ts). */
export class SpeechShareError extends Error {
	constructor(
		readonly code: 'speech_concurrency' | 'speech_budget',
		message: string,
		readonly retryAfterSec: number,
		/** The limit that was reached: requests at once (concurrency) or seconds of audio a minute (budget). */
		readonly limit: number
	) {
		super(message);
	}
}

/** A job the worker answered with an error (not a crash): passed on as a 500 with the worker's reason. */
export class SpeechJobError extends Error {
	constructor(message: string) {
		super(message);
	}
}

/** An error as it crosses from a worker to the web process (IPC or Redis). */
export interface WireError {
	kind: 'unavailable' | 'busy' | 'failed';
	message: string;
	reason?: VoiceUnavailableReason;
	retryAfterSec?: number;
}
