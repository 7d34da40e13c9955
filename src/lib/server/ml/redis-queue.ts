// Scale-out mode (REDIS_URL): speech jobs go through a BullMQ queue on Redis and any number of
// `npm run worker:speech` processes, on any machine, consume them. The rules are those of backend.ts:
// - priorities: final passes 1, partial passes 2 (BullMQ takes the lowest number first, in order of arrival);
// - bounded: at most MAX_WAITING waiting jobs per ready worker, else 503 busy; a partial pass is refused when it
//   would wait behind another job;
// - a worker that dies mid-job (kill -9) stops renewing the job's lock; after LOCK_MS another worker's stalled-job
//   check puts the job back in the queue, once (maxStalledCount 1): if it stalls again it fails as poisoned;
// - a job's answer is awaited for at most JOB_TIMEOUT_MS (then 503 timeout; a job still waiting is removed).
// Workers announce themselves every HEARTBEAT_MS (P:speech:worker:<id>, P:speech:workers), which the status reads.
// Redis unreachable (at start or later): voice is off with a clear message and comes back when Redis does.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { deadlineFor, jobDeadlineMs, JOB_TIMEOUT_MS, MAX_WAITING, progressOf, type JobAudio, type SpeechBackend, type SpeechServiceStatus, type WorkerInfo } from './backend';
import { fromWire } from './embedded';
import { PoisonJobError, SpeechJobError, SpeechUnavailableError, type WireError } from './errors';
import { runsWhisper, type SpeechJob, type SpeechJobResult } from './jobs';
import { JobTimeoutError, QueueFullError } from './queue';
import { fromPcm16, RedisSpeechShare, RedisStreamStore, toPcm16 } from './redis-state';
import type { SpeechService } from './service';
import { HEARTBEAT_MS, rssMb, toWireError, workerName, type SpeechEngine } from './worker-runtime';
import { WorkerJobError } from './supervisor';

export const QUEUE_NAME = 'speech';
/** A job's lock; a worker that stops renewing it (killed) loses the job to another worker after this long. */
export const LOCK_MS = 15_000;
/** How often each worker looks for jobs whose lock expired. */
export const STALLED_CHECK_MS = 5_000;
/** A worker not heard from for this long is not counted. */
export const WORKER_TTL_MS = 5 * HEARTBEAT_MS;
/** ioredis's refusals while a connection is down (the queue keeps its own connection, which can notice first). */
export function isConnectionLoss(e: unknown): boolean {
	return e instanceof Error && /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|enableOfflineQueue/i.test(e.message);
}

/** BullMQ's reason for a job that stalled more often than maxStalledCount allows. */
const STALLED_REASON = 'stalled more than allowable limit';

export const redisPrefix = (env: Record<string, string | undefined> = process.env) => env.REDIS_PREFIX || 'callcraft';

/** The Redis URL without its password, for messages. */
export function redisLabel(url: string): string {
	try {
		const u = new URL(url);
		return `${u.protocol}//${u.host}${u.pathname.length > 1 ? u.pathname : ''}`;
	} catch {
		return 'the configured Redis (REDIS_URL is not a valid URL)';
	}
}

const retryStrategy = (times: number) => Math.min(times * 500, 5000);

interface RedisJobData {
	job: SpeechJob;
	/** Key of the clip as 16-bit PCM, and its length in samples. */
	audioKey: string;
	length: number;
}

interface WorkerRecord extends WorkerInfo {
	host: string;
	pid: number;
	startedAt: string;
	message?: string;
}

/** The error a job failed with, back as the service's own error. */
function failure(reason: string | undefined): Error {
	if (reason?.includes(STALLED_REASON)) return new PoisonJobError();
	try {
		const wire = JSON.parse(reason ?? '') as WireError;
		if (wire && typeof wire.kind === 'string') return fromWire(new WorkerJobError(wire));
	} catch {
		/* not one of ours */
	}
	return new SpeechJobError(reason || 'the job failed');
}

export class RedisSpeechBackend implements SpeechBackend {
	readonly mode = 'redis' as const;
	readonly queue: Queue;
	private readonly events: QueueEvents;
	private readonly eventsConn: Redis;
	private avgRunMs = 1500;
	/** Jobs this process waits for, by id. */
	private waiting = new Map<string, { completed: (value: unknown) => void; failed: (reason: string) => void }>();
	private workerCache: { at: number; list: WorkerRecord[] } | null = null;
	private down: string | null = null;
	private everUp = false;

	constructor(
		readonly conn: Redis,
		readonly url: string,
		readonly prefix: string
	) {
		const label = redisLabel(url);
		conn.on('error', (e: Error) => {
			const why = e.message.split('\n')[0];
			if (this.down === null) console.error(`[speech] Redis at ${label} cannot be reached (${why}): voice mode is off until it can be; typing still works.`);
			this.down = why;
		});
		conn.on('ready', () => {
			if (this.down !== null || this.everUp) console.log(`[speech] Redis at ${label} is reachable${this.everUp ? ' again' : ''}: voice mode is back.`);
			this.down = null;
			this.everUp = true;
		});
		conn.on('end', () => (this.down ??= 'connection closed'));
		this.eventsConn = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
		this.eventsConn.on('error', () => {});
		this.queue = new Queue(QUEUE_NAME, { connection: conn, prefix });
		this.queue.on('error', () => {});
		this.events = new QueueEvents(QUEUE_NAME, { connection: this.eventsConn, prefix });
		this.events.on('error', () => {});
		this.events.on('completed', ({ jobId, returnvalue }) => this.waiting.get(jobId)?.completed(returnvalue));
		this.events.on('failed', ({ jobId, failedReason }) => this.waiting.get(jobId)?.failed(failedReason));
	}

	private redisDown(): SpeechUnavailableError {
		return new SpeechUnavailableError('unavailable', `Voice mode is off: the speech queue (Redis at ${redisLabel(this.url)}) cannot be reached${this.down ? ` (${this.down})` : ''}. Typing still works; voice comes back when Redis does.`);
	}

	/** Workers heard from in the last WORKER_TTL_MS (cached for a second). */
	async workers(): Promise<WorkerRecord[]> {
		const now = Date.now();
		if (this.workerCache && now - this.workerCache.at < 1000) return this.workerCache.list;
		const key = `${this.prefix}:speech:workers`;
		await this.conn.zremrangebyscore(key, '-inf', now - 3600_000);
		const ids = await this.conn.zrangebyscore(key, now - WORKER_TTL_MS, '+inf');
		const raw = ids.length ? await this.conn.mget(ids.map((id) => `${this.prefix}:speech:worker:${id}`)) : [];
		const list = raw.filter((r): r is string => !!r).map((r) => JSON.parse(r) as WorkerRecord);
		this.workerCache = { at: now, list };
		return list;
	}

	private availability(workers: WorkerRecord[]): SpeechUnavailableError | null {
		if (workers.some((w) => w.state === 'ready')) return null;
		if (!workers.length) return new SpeechUnavailableError('unavailable', 'Voice mode is off: no speech worker is running (start one with `npm run worker:speech`). Typing still works.');
		if (workers.some((w) => w.state === 'loading')) return new SpeechUnavailableError('loading', 'The speech models are still loading; try again in a few seconds.');
		return new SpeechUnavailableError('disabled', 'Voice mode is disabled on this server: ' + (workers.find((w) => w.message)?.message ?? 'no worker could load the speech models'));
	}

	async run(job: SpeechJob, audio: JobAudio): Promise<SpeechJobResult> {
		if (this.conn.status !== 'ready') throw this.redisDown();
		try {
			const workers = await this.workers();
			const off = this.availability(workers);
			if (off) throw off;
			const ready = workers.filter((w) => w.state === 'ready').length;
			const c = await this.queue.getJobCounts('wait', 'prioritized', 'active');
			const waiting = (c.wait ?? 0) + (c.prioritized ?? 0);
			const depth = waiting + (c.active ?? 0);
			if (job.pass === 'partial' && runsWhisper(job) && depth >= ready + 1) throw new QueueFullError(1);
			if (waiting >= MAX_WAITING * ready) throw new QueueFullError(Math.max(1, Math.ceil((this.avgRunMs * depth) / ready / 1000)));
			let audioKey: string;
			let length: number;
			let temporary = false;
			if ('samples' in audio) {
				audioKey = `${this.prefix}:speech:audio:${randomUUID()}`;
				length = audio.samples.length;
				await this.conn.set(audioKey, toPcm16(audio.samples), 'PX', JOB_TIMEOUT_MS + 10_000);
				temporary = true;
			} else ({ redisKey: audioKey, length } = audio);
			try {
				const started = performance.now();
				const data: RedisJobData = { job, audioKey, length };
				const added = await this.queue.add(job.kind, data, {
					priority: job.pass === 'final' ? 1 : 2,
					attempts: 1,
					removeOnComplete: { age: 60, count: 1000 },
					removeOnFail: { age: 600, count: 1000 }
				});
				const result = await this.waitFor(added, JOB_TIMEOUT_MS);
				this.avgRunMs = 0.7 * this.avgRunMs + 0.3 * (performance.now() - started);
				return result;
			} finally {
				if (temporary) this.conn.del(audioKey).catch(() => {});
			}
		} catch (e) {
			// a command refused because a connection (ours or the queue's) dropped meanwhile
			if (!(e instanceof SpeechUnavailableError) && (this.conn.status !== 'ready' || isConnectionLoss(e))) throw this.redisDown();
			throw e;
		}
	}

	/** The job's answer: from its completed/failed event, or (an event missed across a reconnect) by polling. */
	private waitFor(job: Job, ttlMs: number): Promise<SpeechJobResult> {
		const id = job.id!;
		return new Promise((resolve, reject) => {
			let settled = false;
			const finish = (fn: () => void) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				clearInterval(poll);
				this.waiting.delete(id);
				fn();
			};
			this.waiting.set(id, {
				completed: (value) => finish(() => resolve(value as SpeechJobResult)),
				failed: (reason) => finish(() => reject(failure(reason)))
			});
			const check = async () => {
				const j = await Job.fromId(this.queue, id).catch(() => undefined);
				if (!j || settled) return;
				if (j.finishedOn && j.failedReason) finish(() => reject(failure(j.failedReason)));
				else if (j.finishedOn) finish(() => resolve(j.returnvalue as SpeechJobResult));
			};
			const poll = setInterval(() => void check(), 1000);
			void check();
			const timer = setTimeout(() => {
				finish(() => reject(new JobTimeoutError(ttlMs)));
				// nobody waits for it any more: a job not started yet is dropped
				void job
					.getState()
					.then((s) => (s === 'waiting' || s === 'prioritized' ? job.remove() : undefined))
					.catch(() => {});
			}, ttlMs);
		});
	}

	async status(): Promise<SpeechServiceStatus> {
		const empty = { depth: 0, waiting: 0, running: 0, capacity: 0 };
		if (this.conn.status !== 'ready') {
			return { mode: this.mode, voice: 'unavailable', message: this.redisDown().message, progress: 0, models: [], queue: empty, workers: { count: 0, list: [] } };
		}
		try {
			const [workers, c] = await Promise.all([this.workers(), this.queue.getJobCounts('wait', 'prioritized', 'active')]);
			const off = this.availability(workers);
			const ready = workers.filter((w) => w.state === 'ready');
			const waiting = (c.wait ?? 0) + (c.prioritized ?? 0);
			const models = (ready[0] ?? workers[0])?.models ?? [];
			return {
				mode: this.mode,
				voice: off ? (off.reason as SpeechServiceStatus['voice']) : 'ready',
				message: off?.message,
				progress: off ? progressOf(models) : 1,
				models,
				queue: { depth: waiting + (c.active ?? 0), waiting, running: c.active ?? 0, capacity: ready.length * (MAX_WAITING + 1) },
				workers: { count: workers.length, list: workers }
			};
		} catch {
			return { mode: this.mode, voice: 'unavailable', message: this.redisDown().message, progress: 0, models: [], queue: empty, workers: { count: 0, list: [] } };
		}
	}

	async close(): Promise<void> {
		await Promise.allSettled([this.events.close(), this.queue.close()]);
		this.eventsConn.disconnect();
		this.conn.disconnect();
	}
}

/** The web process's speech service on Redis. Never throws for an unreachable Redis: voice is off until it answers. */
export async function createRedisService(url: string, prefix = redisPrefix()): Promise<SpeechService> {
	const conn = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy });
	const backend = new RedisSpeechBackend(conn, url, prefix);
	// the first answer from Redis, or its first failure (then voice is off until it answers)
	await new Promise<void>((done) => {
		const t = setTimeout(done, 3000);
		const end = () => (clearTimeout(t), conn.off('ready', end), conn.off('error', end), done());
		conn.once('ready', end);
		conn.once('error', end);
	});
	return { backend, share: new RedisSpeechShare(conn, prefix), streams: new RedisStreamStore(conn, prefix) };
}

/**
 * `npm run worker:speech` with REDIS_URL: load the models, then take jobs one at a time until SIGTERM/SIGINT (the
 * job in hand is finished first). Heartbeats go on meanwhile, so the app shows a loading or disabled worker too.
 */
export async function serveRedis(engine: SpeechEngine, url: string, prefix = redisPrefix(), timing: { lockMs: number; stalledCheckMs: number; deadlineMs: number } = { lockMs: LOCK_MS, stalledCheckMs: STALLED_CHECK_MS, deadlineMs: jobDeadlineMs() }): Promise<void> {
	const id = workerName();
	const label = redisLabel(url);
	const conn = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
	let down = false;
	conn.on('error', (e: Error) => {
		if (!down) console.error(`[speech worker ${id}] Redis at ${label} cannot be reached (${e.message.split('\n')[0]}); retrying.`);
		down = true;
	});
	conn.on('ready', () => {
		if (down) console.log(`[speech worker ${id}] Redis at ${label} is reachable again.`);
		down = false;
	});
	const startedAt = new Date().toISOString();
	let jobsDone = 0;
	let busy = false;
	const heartbeat = () => {
		const report = engine.report();
		const record: WorkerRecord = {
			id,
			host: hostname(),
			pid: process.pid,
			startedAt,
			state: report.state,
			message: report.message,
			models: report.models,
			lastHeartbeat: new Date().toISOString(),
			busy,
			jobsDone,
			rssMb: rssMb()
		};
		return conn
			.multi()
			.set(`${prefix}:speech:worker:${id}`, JSON.stringify(record), 'PX', WORKER_TTL_MS)
			.zadd(`${prefix}:speech:workers`, Date.now(), id)
			.exec()
			.catch(() => {});
	};
	const beat = setInterval(() => void heartbeat(), HEARTBEAT_MS);
	void heartbeat();
	console.log(`[speech worker ${id}] loading the models…`);
	await engine.load();
	void heartbeat();
	const report = engine.report();
	let worker: Worker | null = null;
	if (report.state === 'ready') {
		worker = new Worker<RedisJobData, SpeechJobResult>(
			QUEUE_NAME,
			async (job) => {
				busy = true;
				void heartbeat();
				try {
					const { audioKey, length } = job.data;
					const bytes = length > 0 ? await conn.getrangeBuffer(audioKey, 0, length * 2 - 1) : Buffer.alloc(0);
					if (bytes.length < length * 2) throw new Error(JSON.stringify({ kind: 'failed', message: 'the audio of this job has expired' } satisfies WireError));
					// the watchdog: a job still running after the deadline means this worker hangs (a promise that never
					// settles, an inference stuck in native code). Leave: the lock lapses and another worker's
					// stalled-job check runs the job again, once, as for a worker that died; the process manager
					// (docs/deploy.md) starts this worker again.
					const deadlineMs = deadlineFor(timing.deadlineMs, length);
					const watchdog = setTimeout(() => {
						console.error(`[speech worker ${id}] job ${job.id} got no answer within ${Math.round(deadlineMs / 1000)} s: this worker hangs, so it stops (exit 70) and the job goes to another worker.`);
						process.exit(70);
					}, deadlineMs);
					try {
						const result = await engine.run(job.data.job, fromPcm16(bytes));
						jobsDone++;
						return result;
					} catch (e) {
						throw new Error(JSON.stringify(toWireError(e)));
					} finally {
						clearTimeout(watchdog);
					}
				} finally {
					busy = false;
					void heartbeat();
				}
			},
			{ connection: conn, prefix, concurrency: 1, lockDuration: timing.lockMs, stalledInterval: timing.stalledCheckMs, maxStalledCount: 1 }
		);
		worker.on('error', () => {});
		console.log(`[speech worker ${id}] ready: taking speech jobs from ${label}.`);
	} else {
		console.error(`[speech worker ${id}] voice is off on this worker: ${report.message ?? report.state}. It keeps reporting so the app can show why.`);
	}
	const stop = async () => {
		clearInterval(beat);
		await worker?.close();
		await conn.multi().del(`${prefix}:speech:worker:${id}`).zrem(`${prefix}:speech:workers`, id).exec().catch(() => {});
		conn.disconnect();
		process.exit(0);
	};
	process.once('SIGTERM', () => void stop());
	process.once('SIGINT', () => void stop());
}
