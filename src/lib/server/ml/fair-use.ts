// Fair use of speech: one account cannot take more than its share of the workers. Three per-user limits, checked
// before a job is queued (in this process, or in Redis when REDIS_URL is set, so every app process counts the same):
// - requests: at most SPEECH_USER_REQUESTS speech requests a minute (chunks included);
// - concurrency: at most SPEECH_USER_JOBS jobs queued or running at once (a turn needs 2 at most: its running
//   transcript and, in hands-free mode, the previous turn's final answer);
// - audio budget: at most SPEECH_USER_AUDIO_SEC seconds of final-pass audio through Whisper in a sliding minute.
//   Nobody speaks more than 60 s in a minute; the default of 120 s leaves room for a turn sent again whole after a
//   lost stream. Running transcripts do not count: they are already refused whenever any job waits (embedded.ts),
//   so they only ever use a worker nobody else is waiting for.
// A running transcript over a limit is skipped (the answer says busy); a final answer gets 429 with Retry-After.

import { SpeechShareError } from './errors';

export interface FairUseSettings {
	requestsPerMin: number;
	jobs: number;
	audioSecPerMin: number;
}

export const FAIR_USE_WINDOW_MS = 60_000;

function positive(v: string | undefined, fallback: number): number {
	const n = Number(v);
	return v && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function fairUseSettings(env: Record<string, string | undefined> = process.env): FairUseSettings {
	return {
		requestsPerMin: positive(env.SPEECH_USER_REQUESTS, 150),
		jobs: Math.floor(positive(env.SPEECH_USER_JOBS, 2)),
		audioSecPerMin: positive(env.SPEECH_USER_AUDIO_SEC, 120)
	};
}

/** The verdict on one request; `retryAfterSec` when refused. */
export interface Admission {
	allowed: boolean;
	retryAfterSec: number;
}

export interface SpeechShare {
	readonly settings: FairUseSettings;
	/** Counts one speech request (429 past the per-minute limit). */
	takeRequest(userId: number): Promise<Admission>;
	/**
	 * Admits one job, or throws SpeechShareError. `budgetSec`: the seconds of audio it puts through Whisper as a
	 * final pass (0 for running transcripts and for finals that reuse one). Call the returned function when the job
	 * has ended, however it ended.
	 */
	acquire(userId: number, budgetSec: number): Promise<() => void>;
}

export const concurrencyError = (s: FairUseSettings) =>
	new SpeechShareError('speech_concurrency', `You already have ${s.jobs} speech requests in progress; wait for them to finish.`, 2, s.jobs);

export const budgetError = (s: FairUseSettings, retryAfterSec: number) =>
	new SpeechShareError('speech_budget', `You have sent ${s.audioSecPerMin} s of answers for transcription in the last minute; try again in ${retryAfterSec} s.`, retryAfterSec, s.audioSecPerMin);

/** The limits in this process's memory (embedded mode). */
export class MemorySpeechShare implements SpeechShare {
	private requests = new Map<number, number[]>();
	private running = new Map<number, number>();
	private audio = new Map<number, { at: number; sec: number }[]>();

	constructor(
		readonly settings: FairUseSettings = fairUseSettings(),
		private readonly now: () => number = Date.now
	) {}

	async takeRequest(userId: number): Promise<Admission> {
		const now = this.now();
		const list = (this.requests.get(userId) ?? []).filter((t) => now - t < FAIR_USE_WINDOW_MS);
		if (list.length >= this.settings.requestsPerMin) {
			this.requests.set(userId, list);
			return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((list[0] + FAIR_USE_WINDOW_MS - now) / 1000)) };
		}
		list.push(now);
		this.requests.set(userId, list);
		if (this.requests.size > 50_000) this.prune(now);
		return { allowed: true, retryAfterSec: 0 };
	}

	async acquire(userId: number, budgetSec: number): Promise<() => void> {
		const now = this.now();
		const s = this.settings;
		if ((this.running.get(userId) ?? 0) >= s.jobs) throw concurrencyError(s);
		const recent = (this.audio.get(userId) ?? []).filter((a) => now - a.at < FAIR_USE_WINDOW_MS);
		const used = recent.reduce((sum, a) => sum + a.sec, 0);
		if (budgetSec > 0 && used + budgetSec > s.audioSecPerMin) {
			// wait until enough of the window has passed for this clip to fit
			let freed = used + budgetSec - s.audioSecPerMin;
			let at = now;
			for (const a of recent) {
				at = a.at;
				freed -= a.sec;
				if (freed <= 0) break;
			}
			throw budgetError(s, Math.max(1, Math.ceil((at + FAIR_USE_WINDOW_MS - now) / 1000)));
		}
		if (budgetSec > 0) recent.push({ at: now, sec: budgetSec });
		if (recent.length) this.audio.set(userId, recent);
		else this.audio.delete(userId);
		this.running.set(userId, (this.running.get(userId) ?? 0) + 1);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const n = (this.running.get(userId) ?? 1) - 1;
			if (n > 0) this.running.set(userId, n);
			else this.running.delete(userId);
		};
	}

	private prune(now: number) {
		for (const [k, list] of this.requests) if (!list.some((t) => now - t < FAIR_USE_WINDOW_MS)) this.requests.delete(k);
		for (const [k, list] of this.audio) if (!list.some((a) => now - a.at < FAIR_USE_WINDOW_MS)) this.audio.delete(k);
	}
}
