// Embedded mode (no REDIS_URL): the web process starts one speech worker as a child process (scripts/speech-worker.ts)
// and talks to it over the child_process IPC channel (structured clone, so audio crosses as a Float32Array). If the
// worker dies it is restarted with back-off; meanwhile voice reports "restarting" and typing is untouched, because
// the web process never loads a model itself.

import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { deadlineFor, JOB_DEADLINE_MS } from './backend';
import { SpeechUnavailableError, type WireError } from './errors';
import type { SpeechJob, SpeechJobResult } from './jobs';
import type { FromWorker, ToWorker, WorkerModel, WorkerState } from './worker-runtime';

/** The worker died while it held this job. */
export class WorkerExitedError extends Error {
	constructor(readonly detail: string) {
		super(`The speech worker stopped (${detail}).`);
	}
}

/** An error the worker answered with, as it came over the wire. */
export class WorkerJobError extends Error {
	constructor(readonly wire: WireError) {
		super(wire.message);
	}
}

export interface WorkerSpawn {
	/** The worker's entry module (run with `node --import tsx`). */
	script: string;
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Extra node options (tests). */
	execArgv?: string[];
}

/** The default worker: scripts/speech-worker.ts of the app's folder, with the app's environment. */
export function defaultWorkerSpawn(env: NodeJS.ProcessEnv = process.env): WorkerSpawn {
	const cwd = process.cwd();
	return { script: resolve(cwd, env.SPEECH_WORKER_SCRIPT || 'scripts/speech-worker.ts'), cwd, env };
}

/** Waits before restart number 1, 2, 3, … of a worker that keeps dying (the last one repeats). */
export const RESTART_BACKOFF_MS = [250, 1000, 2000, 5000, 10_000, 30_000];
/** A worker that stayed ready this long starts the back-off from the beginning again. */
export const STABLE_MS = 60_000;


export type SupervisorState = 'starting' | WorkerState | 'restarting' | 'stopped';

interface Pending {
	resolve: (r: SpeechJobResult) => void;
	reject: (e: unknown) => void;
}

export class WorkerSupervisor {
	state: SupervisorState = 'starting';
	models: WorkerModel[] = [];
	message: string | undefined;
	pid: number | undefined;
	rssMb: number | undefined;
	jobsDone = 0;
	restarts = 0;
	lastHeartbeatAt: number | undefined;
	lastExit: { at: number; detail: string } | undefined;
	/** Jobs the watchdog gave up on (the worker was killed for them). */
	hungJobs = 0;
	private crashesInARow = 0;
	private child: ChildProcess | null = null;
	private nextId = 1;
	private pending = new Map<number, Pending>();
	private waiters = new Set<{ resolve: () => void; reject: (e: unknown) => void }>();
	private restartTimer: ReturnType<typeof setTimeout> | null = null;
	private stableTimer: ReturnType<typeof setTimeout> | null = null;
	/** True from a crash until the restarted worker is ready (the status says "restarting", not "loading"). */
	private recovering = false;

	constructor(
		private readonly spawnWith: WorkerSpawn,
		private readonly backoffMs: readonly number[] = RESTART_BACKOFF_MS,
		private readonly stableMs = STABLE_MS,
		private readonly deadlineMs = JOB_DEADLINE_MS
	) {}

	start(): void {
		if (this.child || this.state === 'stopped') return;
		const { script, cwd, env, execArgv = [] } = this.spawnWith;
		this.state = this.recovering ? 'restarting' : 'starting';
		const child = fork(script, [], {
			cwd,
			env,
			execArgv: ['--import', 'tsx', ...execArgv],
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.child = child;
		this.pid = child.pid;
		child.on('message', (m: FromWorker) => this.onMessage(m));
		child.on('error', (e) => console.error(`[speech] worker: ${e.message}`));
		child.on('exit', (code, signal) => this.onExit(child, signal ? `signal ${signal}` : `exit code ${code}`));
	}

	/** Stops the worker for good (the web process is shutting down). */
	async stop(): Promise<void> {
		this.state = 'stopped';
		if (this.restartTimer) clearTimeout(this.restartTimer);
		if (this.stableTimer) clearTimeout(this.stableTimer);
		this.settleWaiters();
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		await new Promise<void>((done) => {
			const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
			child.once('exit', () => (clearTimeout(kill), done()));
			child.kill('SIGTERM');
		});
	}

	/** Kills the worker at once (tests and the fault drills in docs/deploy.md); it is restarted like after a crash. */
	kill(signal: NodeJS.Signals = 'SIGKILL'): void {
		this.child?.kill(signal);
	}

	/** Resolves when the worker is ready; rejects when voice is off for good, or after `timeoutMs`. */
	whenReady(timeoutMs: number): Promise<void> {
		if (this.state === 'ready') return Promise.resolve();
		if (this.state === 'disabled' || this.state === 'stopped') return Promise.reject(this.unavailable());
		return new Promise((resolve, reject) => {
			const w = {
				resolve: () => (clearTimeout(timer), resolve()),
				reject: (e: unknown) => (clearTimeout(timer), reject(e))
			};
			const timer = setTimeout(() => {
				this.waiters.delete(w);
				reject(this.unavailable());
			}, timeoutMs);
			this.waiters.add(w);
		});
	}

	/** Why jobs cannot run now, as the API reports it. */
	unavailable(): SpeechUnavailableError {
		switch (this.state) {
			case 'disabled':
				return new SpeechUnavailableError('disabled', 'Voice mode is disabled on this server: ' + (this.message ?? 'the speech models are not available'));
			case 'restarting':
				return new SpeechUnavailableError('restarting', 'The speech worker is restarting; try again in a few seconds, or type.');
			case 'stopped':
				return new SpeechUnavailableError('unavailable', 'The speech service has stopped.');
			default:
				return new SpeechUnavailableError('loading', 'The speech models are still loading; try again in a few seconds.');
		}
	}

	/** Runs one job on the worker (which must be ready). Rejects with WorkerExitedError if the worker dies first. */
	run(job: SpeechJob, samples: Float32Array): Promise<SpeechJobResult> {
		const child = this.child;
		if (this.state !== 'ready' || !child?.connected) return Promise.reject(this.unavailable());
		const id = this.nextId++;
		const deadlineMs = deadlineFor(this.deadlineMs, samples.length);
		return new Promise((resolve, reject) => {
			const watchdog = setTimeout(() => {
				if (!this.pending.delete(id)) return;
				this.hungJobs++;
				const detail = `no answer within ${Math.round(deadlineMs / 1000)} s; the hung worker was killed`;
				console.warn(`[speech] a speech job got ${detail}.`);
				if (this.child === child) {
					// no new job may go to the dying worker: the retry waits for the restarted one
					this.state = 'restarting';
					this.recovering = true;
					child.kill('SIGKILL');
				}
				reject(new WorkerExitedError(detail));
			}, deadlineMs);
			watchdog.unref();
			const settle =
				<A>(f: (a: A) => void) =>
				(a: A) => {
					clearTimeout(watchdog);
					f(a);
				};
			this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
			const message: ToWorker = { type: 'job', id, job, samples };
			child.send(message, (e) => {
				if (e && this.pending.delete(id)) {
					clearTimeout(watchdog);
					reject(new WorkerExitedError(e.message));
				}
			});
		});
	}

	get busy(): boolean {
		return this.pending.size > 0;
	}

	private onMessage(m: FromWorker) {
		if (m.type === 'status') {
			this.lastHeartbeatAt = Date.now();
			this.models = m.models;
			this.message = m.message;
			this.rssMb = m.rssMb;
			this.jobsDone = m.jobsDone;
			if (this.state === 'stopped') return;
			if (m.state === 'ready' && this.state !== 'ready') this.becomeReady();
			else if (m.state === 'disabled') this.disable();
			else if (m.state === 'loading' && this.state === 'starting') this.state = 'loading';
			return;
		}
		const p = this.pending.get(m.id);
		if (!p) return;
		this.pending.delete(m.id);
		if (m.ok) p.resolve(m.result);
		else p.reject(new WorkerJobError(m.error));
	}

	private becomeReady() {
		this.state = 'ready';
		this.recovering = false;
		this.settleWaiters();
		if (this.stableTimer) clearTimeout(this.stableTimer);
		this.stableTimer = setTimeout(() => (this.crashesInARow = 0), this.stableMs);
		this.stableTimer.unref();
	}

	/** The models are missing or broken: no point keeping (or restarting) a worker. */
	private disable() {
		this.state = 'disabled';
		console.warn(`[speech] voice mode is disabled: ${this.message} — typing still works.`);
		this.settleWaiters();
		this.child?.kill('SIGTERM');
	}

	private settleWaiters() {
		const waiters = [...this.waiters];
		this.waiters.clear();
		for (const w of waiters) {
			if (this.state === 'ready') w.resolve();
			else w.reject(this.unavailable());
		}
	}

	private onExit(child: ChildProcess, detail: string) {
		if (this.child !== child) return;
		this.child = null;
		this.lastExit = { at: Date.now(), detail };
		this.models = [];
		this.rssMb = undefined;
		const lost = [...this.pending.values()];
		this.pending.clear();
		for (const p of lost) p.reject(new WorkerExitedError(detail));
		if (this.state === 'stopped' || this.state === 'disabled') return;
		if (this.stableTimer) clearTimeout(this.stableTimer);
		const wait = this.backoffMs[Math.min(this.crashesInARow, this.backoffMs.length - 1)];
		this.crashesInARow++;
		this.restarts++;
		this.recovering = true;
		this.state = 'restarting';
		console.warn(`[speech] the speech worker stopped (${detail}); restarting it in ${wait} ms. Typing keeps working meanwhile.`);
		this.restartTimer = setTimeout(() => {
			this.restartTimer = null;
			this.start();
		}, wait);
		this.restartTimer.unref();
	}
}
