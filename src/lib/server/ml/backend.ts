// One interface for running speech jobs, whatever carries them: the embedded worker over IPC (embedded.ts) or
// BullMQ on Redis (redis-queue.ts). Both keep the same rules:
// - final passes go before partial passes; a partial pass that would wait behind another job is refused (busy);
// - the queue is bounded: past MAX_WAITING jobs per worker a job is refused at once (503 + Retry-After);
// - a job not answered within JOB_TIMEOUT_MS is answered 503 timeout;
// - a job whose worker died is retried once (on another worker or the restarted one); if the worker dies on it
//   again it is answered with PoisonJobError and never tried a third time.

import type { SpeechJob, SpeechJobResult } from './jobs';
import type { WorkerModel } from './worker-runtime';

/** The whole budget of one job, from queueing to answer (covers a worker restart and the retry). */
export const JOB_TIMEOUT_MS = 60_000;
/**
 * The watchdog: a job the worker has not answered this long after it was handed over is taken as a hung worker
 * (an inference stuck in native code or a promise that never settles). In embedded mode the worker is killed and
 * restarted; a Redis worker exits (its process manager starts it again). The job counts as one whose worker died
 * (retried once, then answered as poisoned), so one bad clip cannot block voice for everyone behind it. SPEECH_JOB_DEADLINE_MS; the default leaves a whole retry inside JOB_TIMEOUT_MS.
 */
export const JOB_DEADLINE_MS = 25_000;

export function jobDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
	const v = Number(env.SPEECH_JOB_DEADLINE_MS);
	return Number.isFinite(v) && v >= 100 ? v : JOB_DEADLINE_MS;
}

/** The watchdog's deadline for one clip: the base, plus half a second per second of audio (16 kHz samples). */
export function deadlineFor(baseMs: number, samples: number): number {
	return baseMs + Math.round((samples / 16_000) * 500);
}

/** Jobs allowed to wait per worker (4 concurrent callers fit behind one worker). */
export const MAX_WAITING = 6;
/** How many times a job is run at most: once, plus one retry when its worker died. */
export const MAX_ATTEMPTS = 2;

/** A clip's audio: the samples themselves, or (Redis mode) a Redis key holding them as 16-bit PCM. */
export type JobAudio = { samples: Float32Array } | { redisKey: string; length: number };

export type VoiceState = 'ready' | 'loading' | 'restarting' | 'unavailable' | 'disabled';

export interface WorkerInfo {
	id: string;
	state: string;
	/** The models this worker has loaded (or is loading). */
	models: WorkerModel[];
	/** ISO time of its last heartbeat. */
	lastHeartbeat: string | null;
	busy: boolean;
	jobsDone: number;
	rssMb?: number;
	restarts?: number;
	/** Jobs the watchdog gave up on (their worker was killed). */
	hungJobs?: number;
	lastExit?: string;
}

export interface SpeechServiceStatus {
	mode: 'embedded' | 'redis';
	voice: VoiceState;
	/** Why voice is not ready, in words an operator (and a trainee) can act on. */
	message?: string;
	/** 0–1 while models load. */
	progress: number;
	/** The models of the first worker (what the voice page shows). */
	models: WorkerModel[];
	queue: { depth: number; waiting: number; running: number; capacity: number };
	workers: { count: number; list: WorkerInfo[] };
}

export interface SpeechBackend {
	readonly mode: 'embedded' | 'redis';
	/**
	 * Runs one job (rejects with the errors in errors.ts and queue.ts). `owner` (the trainee) lets the embedded
	 * queue take trainees in turns; BullMQ (Redis mode) runs each priority first come, first served, where the
	 * per-trainee limit of queued jobs (fair-use.ts) bounds what one trainee can put ahead of another.
	 */
	run(job: SpeechJob, audio: JobAudio, owner?: number): Promise<SpeechJobResult>;
	status(): Promise<SpeechServiceStatus>;
	close(): Promise<void>;
}

export const progressOf = (models: WorkerModel[]) => (models.length ? models.reduce((s, m) => s + m.progress, 0) / models.length : 0);
