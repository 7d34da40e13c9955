// The speech service as the web process sees it: where jobs run, per-user fair use, and audio streams.
// - no REDIS_URL (default): one supervised worker child process (embedded.ts), limits and streams in memory;
// - REDIS_URL set: BullMQ queue, limits and streams on Redis (redis-queue.ts), served by `npm run worker:speech`
//   processes on any machine.
// The web process never loads Whisper or the VAD; only the small text tone model (tone.ts) runs here.

import { completeAnalysis, type Analysis } from './analysis';
import type { JobAudio, SpeechBackend } from './backend';
import { EmbeddedSpeechBackend } from './embedded';
import { SpeechUnavailableError } from './errors';
import { MemorySpeechShare, type SpeechShare } from './fair-use';
import { runsWhisper, type SpeechJob, type SpeechJobResult, type Transcript } from './jobs';
import { MemoryStreamStore, type StreamStore } from './streams';
import { defaultWorkerSpawn } from './supervisor';

export interface SpeechService {
	backend: SpeechBackend;
	share: SpeechShare;
	streams: StreamStore;
}

let service: Promise<SpeechService> | null = null;

function disabledService(): SpeechService {
	const off = new SpeechUnavailableError('disabled', 'Voice mode is disabled on this server: SPEECH_DISABLED=1');
	return {
		backend: {
			mode: 'embedded',
			run: () => Promise.reject(off),
			status: async () => ({
				mode: 'embedded',
				voice: 'disabled',
				message: off.message,
				progress: 0,
				models: [],
				queue: { depth: 0, waiting: 0, running: 0, capacity: 0 },
				workers: { count: 0, list: [] }
			}),
			close: async () => {}
		},
		share: new MemorySpeechShare(),
		streams: new MemoryStreamStore()
	};
}

async function createService(env: NodeJS.ProcessEnv): Promise<SpeechService> {
	if (env.SPEECH_DISABLED === '1') return disabledService();
	if (env.REDIS_URL) {
		const { createRedisService } = await import('./redis-queue');
		return createRedisService(env.REDIS_URL);
	}
	return { backend: new EmbeddedSpeechBackend(defaultWorkerSpawn(env)), share: new MemorySpeechShare(), streams: new MemoryStreamStore() };
}

/** The app's speech service, started on first use (the start-up tasks start it early). */
export function speechService(): Promise<SpeechService> {
	if (!service) {
		service = createService(process.env);
		void service.then((s) => process.once('sveltekit:shutdown' as 'exit', () => void s.backend.close()));
	}
	return service;
}

/** Runs a job for `userId` within their fair share (fair-use.ts). */
export async function runForUser(userId: number, job: SpeechJob, audio: JobAudio, durationSec: number): Promise<SpeechJobResult> {
	const s = await speechService();
	const release = await s.share.acquire(userId, job.pass === 'final' && runsWhisper(job) ? durationSec : 0);
	try {
		return await s.backend.run(job, audio, userId);
	} finally {
		release();
	}
}

export async function transcribeFor(userId: number, audio: JobAudio, durationSec: number, job: Omit<SpeechJob, 'kind'>): Promise<Transcript> {
	return (await runForUser(userId, { ...job, kind: 'transcribe' }, audio, durationSec)).transcript;
}

export async function analyzeFor(userId: number, audio: JobAudio, durationSec: number, job: Omit<SpeechJob, 'kind'>): Promise<Analysis> {
	const r = await runForUser(userId, { ...job, kind: 'analyze' }, audio, durationSec);
	if (!r.prosody) throw new Error('the worker answered an analysis without prosody');
	return completeAnalysis(r.transcript, r.prosody);
}
