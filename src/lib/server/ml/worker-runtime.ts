// The speech worker's side of the job protocol, without any model: an engine (real: scripts/speech-worker.ts; a
// fixture in the tests) is served either to a supervising web process over the child_process IPC channel
// (embedded mode, see supervisor.ts) or from the BullMQ queue on Redis (REDIS_URL, see redis-queue.ts).

import { hostname } from 'node:os';
import { SpeechUnavailableError, type WireError } from './errors';
import type { SpeechJob, SpeechJobResult } from './jobs';
import { QueueFullError } from './queue';

export type WorkerState = 'loading' | 'ready' | 'disabled';

/** One model as a worker reports it (see ModelStatus in models.ts). */
export interface WorkerModel {
	id: string;
	state: string;
	progress: number;
	message?: string;
	loadMs?: number;
}

export interface WorkerReport {
	state: WorkerState;
	models: WorkerModel[];
	/** Why voice is off (state disabled). */
	message?: string;
}

/** What a worker process runs: the models, loaded once, and one job at a time. */
export interface SpeechEngine {
	load(): Promise<void>;
	report(): WorkerReport;
	run(job: SpeechJob, samples: Float32Array): Promise<SpeechJobResult>;
}

/** Messages from the supervisor to its worker. */
export type ToWorker = { type: 'job'; id: number; job: SpeechJob; samples: Float32Array };

/** Messages from a worker to its supervisor. */
export type FromWorker =
	| ({ type: 'status'; pid: number; rssMb: number; jobsDone: number } & WorkerReport)
	| { type: 'result'; id: number; ok: true; result: SpeechJobResult }
	| { type: 'result'; id: number; ok: false; error: WireError };

/** How often a worker says it is alive (IPC and Redis). */
export const HEARTBEAT_MS = 2000;

export function toWireError(e: unknown): WireError {
	if (e instanceof SpeechUnavailableError) return { kind: 'unavailable', reason: e.reason, message: e.message };
	if (e instanceof QueueFullError) return { kind: 'busy', message: e.message, retryAfterSec: e.retryAfterSec };
	return { kind: 'failed', message: e instanceof Error ? e.message.split('\n')[0] : String(e) };
}

export const workerName = () => `${hostname()}:${process.pid}`;
export const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Serve `engine` to the parent process over IPC until the parent goes away. */
export function serveIpc(engine: SpeechEngine): void {
	if (!process.send) throw new Error('serveIpc needs an IPC channel (start the worker with child_process.fork)');
	const send = (m: FromWorker) => {
		if (process.connected) process.send!(m);
	};
	let jobsDone = 0;
	const status = () => send({ type: 'status', pid: process.pid, rssMb: rssMb(), jobsDone, ...engine.report() });
	// the web process is gone (even killed): nothing left to serve
	process.on('disconnect', () => process.exit(0));
	process.on('message', async (m: ToWorker) => {
		if (m?.type !== 'job') return;
		try {
			const result = await engine.run(m.job, m.samples);
			jobsDone++;
			send({ type: 'result', id: m.id, ok: true, result });
		} catch (e) {
			send({ type: 'result', id: m.id, ok: false, error: toWireError(e) });
		}
	});
	status();
	const beat = setInterval(status, HEARTBEAT_MS);
	beat.unref();
	// progress while loading, then the final state at once
	const progress = setInterval(status, 500);
	void engine.load().finally(() => {
		clearInterval(progress);
		status();
	});
}
