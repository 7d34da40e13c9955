import { describe, expect, it } from 'vitest';
import { coversSpeech, EARLY_FINAL_SEC, nextRequest, PARTIAL_EVERY_MS, QUIET_SKIP_MS, RATE, type TurnAudioState } from './turn-plan';

const speaking: TurnAudioState = { recorded: 3 * RATE, voicedUpTo: 3 * RATE, quietMs: 0, sinceRequestMs: 0, coveredFor: -1, inflight: false };

describe('nextRequest', () => {
	it('asks for a running transcript about once a second while the trainee speaks', () => {
		expect(nextRequest(speaking)).toBeNull();
		expect(nextRequest({ ...speaking, sinceRequestMs: PARTIAL_EVERY_MS - 1 })).toBeNull();
		expect(nextRequest({ ...speaking, sinceRequestMs: PARTIAL_EVERY_MS })).toBe('running');
	});

	it('never sends two at once', () => {
		expect(nextRequest({ ...speaking, sinceRequestMs: 5000, inflight: true })).toBeNull();
		const paused = { ...speaking, recorded: speaking.voicedUpTo + RATE, quietMs: 1000 };
		expect(nextRequest({ ...paused, inflight: true })).toBeNull();
	});

	it('starts the final transcription a quarter second into a pause, once per pause', () => {
		const margin = EARLY_FINAL_SEC * RATE;
		expect(nextRequest({ ...speaking, recorded: speaking.voicedUpTo + margin - 512, quietMs: 220 })).toBeNull();
		const due = { ...speaking, recorded: speaking.voicedUpTo + margin, quietMs: 250 };
		expect(nextRequest(due)).toBe('early-final');
		// requested already for this pause: nothing more, not even the once-a-second transcript
		expect(nextRequest({ ...due, coveredFor: due.voicedUpTo, sinceRequestMs: 3000, quietMs: 1500, recorded: due.recorded + RATE })).toBeNull();
		// the trainee speaks again: a new pause gets its own early final
		const again = { ...due, voicedUpTo: due.voicedUpTo + RATE, recorded: due.voicedUpTo + 2 * RATE, coveredFor: due.voicedUpTo };
		expect(nextRequest(again)).toBe('early-final');
	});

	it('holds the running transcript back during a pause and before any voice', () => {
		expect(nextRequest({ ...speaking, sinceRequestMs: 2000, quietMs: QUIET_SKIP_MS })).toBeNull();
		expect(nextRequest({ ...speaking, voicedUpTo: 0, recorded: RATE, sinceRequestMs: 2000, quietMs: 0 })).toBe('running');
		expect(nextRequest({ ...speaking, voicedUpTo: 0, recorded: RATE, sinceRequestMs: 2000, quietMs: 500 })).toBeNull();
	});
});

describe('coversSpeech', () => {
	it('needs the speech plus the margin', () => {
		expect(coversSpeech(RATE + EARLY_FINAL_SEC * RATE, RATE)).toBe(true);
		expect(coversSpeech(RATE + EARLY_FINAL_SEC * RATE - 1, RATE)).toBe(false);
	});
});
