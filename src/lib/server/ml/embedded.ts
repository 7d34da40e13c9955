// Embedded mode's job queue (see backend.ts for the rules it keeps): jobs wait in this process, in priority order,
// and go one at a time to the supervised worker (supervisor.ts).

import { PoisonJobError, SpeechJobError, SpeechUnavailableError } from './errors';
import { jobDeadlineMs, JOB_TIMEOUT_MS, MAX_ATTEMPTS, MAX_WAITING, progressOf, type JobAudio, type SpeechBackend, type SpeechServiceStatus, type VoiceState } from './backend';
import { runsWhisper, type SpeechJob, type SpeechJobResult } from './jobs';
import { InferenceQueue, QueueFullError } from './queue';
import { WorkerExitedError, WorkerJobError, WorkerSupervisor, type WorkerSpawn } from './supervisor';

/** A partial pass is refused (busy) once this many jobs run or wait: it would only hold up someone's final answer. */
export const PARTIAL_MAX_DEPTH = 2;

/** Turns an error the worker answered with back into the service's own error. */
export function fromWire(e: WorkerJobError): Error {
	const w = e.wire;
	if (w.kind === 'unavailable') return new SpeechUnavailableError(w.reason ?? 'unavailable', w.message);
	if (w.kind === 'busy') return new QueueFullError(w.retryAfterSec ?? 1);
	return new SpeechJobError(w.message);
}

export class EmbeddedSpeechBackend implements SpeechBackend {
	readonly mode = 'embedded' as const;
	readonly queue: InferenceQueue;
	readonly supervisor: WorkerSupervisor;

	constructor(spawnWith: WorkerSpawn, opts: { timeoutMs?: number; backoffMs?: readonly number[]; deadlineMs?: number } = {}) {
		this.queue = new InferenceQueue('speech', MAX_WAITING, opts.timeoutMs ?? JOB_TIMEOUT_MS);
		this.supervisor = new WorkerSupervisor(spawnWith, opts.backoffMs, undefined, opts.deadlineMs ?? jobDeadlineMs(spawnWith.env));
		this.supervisor.start();
	}

	run(job: SpeechJob, audio: JobAudio, owner?: number): Promise<SpeechJobResult> {
		if (!('samples' in audio)) return Promise.reject(new Error('embedded mode takes the samples themselves'));
		const s = this.supervisor.state;
		// a job already queued waits for a restart (that is its retry); new work is turned away meanwhile
		if (s !== 'ready') return Promise.reject(this.supervisor.unavailable());
		if (job.pass === 'partial' && runsWhisper(job) && this.queue.depth >= PARTIAL_MAX_DEPTH) return Promise.reject(new QueueFullError(1));
		return this.queue.push(() => this.attempt(job, audio.samples), job.pass === 'final' ? 'high' : 'normal', owner);
	}

	private async attempt(job: SpeechJob, samples: Float32Array): Promise<SpeechJobResult> {
		for (let attempt = 1; ; attempt++) {
			try {
				await this.supervisor.whenReady(this.queue.timeoutMs);
				return await this.supervisor.run(job, samples);
			} catch (e) {
				if (e instanceof WorkerJobError) throw fromWire(e);
				if (!(e instanceof WorkerExitedError)) throw e;
				if (attempt >= MAX_ATTEMPTS) throw new PoisonJobError();
			}
		}
	}

	async status(): Promise<SpeechServiceStatus> {
		const s = this.supervisor;
		const voice: VoiceState = s.state === 'ready' ? 'ready' : s.state === 'disabled' ? 'disabled' : s.state === 'restarting' ? 'restarting' : s.state === 'stopped' ? 'unavailable' : 'loading';
		const running = this.queue.depth > 0 ? 1 : 0;
		return {
			mode: this.mode,
			voice,
			message: voice === 'ready' ? undefined : s.unavailable().message,
			progress: voice === 'ready' ? 1 : progressOf(s.models),
			models: s.models,
			queue: { depth: this.queue.depth, waiting: this.queue.depth - running, running, capacity: MAX_WAITING + 1 },
			workers: {
				count: s.state === 'disabled' || s.state === 'stopped' ? 0 : 1,
				list: [
					{
						id: `embedded:${s.pid ?? '-'}`,
						state: s.state,
						models: s.models,
						lastHeartbeat: s.lastHeartbeatAt ? new Date(s.lastHeartbeatAt).toISOString() : null,
						busy: s.busy,
						jobsDone: s.jobsDone,
						rssMb: s.rssMb,
						restarts: s.restarts,
						hungJobs: s.hungJobs,
						lastExit: s.lastExit ? `${s.lastExit.detail} at ${new Date(s.lastExit.at).toISOString()}` : undefined
					}
				]
			}
		};
	}

	close(): Promise<void> {
		return this.supervisor.stop();
	}
}
