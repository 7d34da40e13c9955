// Scale-out mode on a real redis-server (started on a free port by this file): the web side (createRedisService) and
// worker processes running the real BullMQ worker runtime with the model-free engine of
// tests/fixtures/fake-speech-worker.ts (job locks shortened to 2 s so a killed worker's job is retried quickly).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from '../../../../tests/fixtures/redis';
import { PoisonJobError, SpeechShareError, SpeechUnavailableError } from './errors';
import type { SpeechJob } from './jobs';
import { QueueFullError } from './queue';
import { createRedisService, type RedisSpeechBackend } from './redis-queue';
import { RedisSpeechShare } from './redis-state';
import type { SpeechService } from './service';
import { StreamError } from './streams';

let redis: TestRedis;
const workers: ChildProcess[] = [];
const services: SpeechService[] = [];
let n = 0;

beforeAll(async () => {
	redis = await testRedis();
	await redis.start();
});
afterEach(async () => {
	for (const w of workers.splice(0)) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
	await Promise.all(services.splice(0).map((s) => s.backend.close()));
});
afterAll(() => redis.stop());

/** A web-side service and a log of job starts, on a prefix of their own. */
async function setup(url = redis.url) {
	const prefix = `t${process.pid}-${++n}`;
	const log = join(mkdtempSync(join(tmpdir(), 'redis-speech-')), 'jobs.log');
	const service = await createRedisService(url, prefix);
	services.push(service);
	const backend = service.backend as RedisSpeechBackend;
	const startWorker = (env: Record<string, string> = {}) => {
		const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/fixtures/fake-speech-worker.ts')], {
			env: { ...process.env, REDIS_URL: url, REDIS_PREFIX: prefix, FAKE_LOG: log, ...env },
			stdio: 'ignore'
		});
		workers.push(child);
		return child;
	};
	const attempts = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
	// starting a worker is a node + tsx process start: seconds on a loaded 2-core box, so wait up to a minute
	const readyWorkers = async (count: number, timeoutMs = 60_000) => {
		const t0 = Date.now();
		for (;;) {
			const s = await backend.status();
			if (s.voice === 'ready' && s.workers.list.filter((w) => w.state === 'ready').length >= count) return s;
			if (Date.now() - t0 > timeoutMs) throw new Error(`not ${count} ready workers: ${JSON.stringify(s)}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	return { service, backend, prefix, startWorker, attempts, readyWorkers };
}

const job = (command: string, pass: SpeechJob['pass'] = 'final', kind: SpeechJob['kind'] = 'transcribe'): SpeechJob => ({ kind, pass, vocabulary: [command] });
const audio = (sec = 1) => ({ samples: new Float32Array(16000 * sec).map((_, i) => Math.round(Math.sin(i / 9) * 3000) / 32768) });
const pidOf = (text: string) => Number(text.split(' ')[0]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('speech jobs through BullMQ on Redis', () => {
	it('runs a job on a worker process and reports the workers, their models, heartbeat and the queue', async () => {
		const { backend, startWorker, readyWorkers } = await setup();
		const w = startWorker();
		const s = await readyWorkers(1);
		expect(s).toMatchObject({ mode: 'redis', voice: 'ready', workers: { count: 1 }, models: [{ id: 'fake-whisper', state: 'ready' }], queue: { depth: 0 } });
		expect(s.workers.list[0].id).toMatch(new RegExp(`:${w.pid}$`));
		expect(Date.parse(s.workers.list[0].lastHeartbeat!)).toBeGreaterThan(Date.now() - 10_000);
		const r = await backend.run(job('hello', 'final', 'analyze'), audio(2));
		expect(r.transcript.text).toBe(`${w.pid} final 32000`);
		expect(r.prosody?.durationSec).toBe(2);
	}, 90_000);

	it('runs final passes before waiting partial passes, refuses a partial pass that would wait, and bounds the queue', async () => {
		const { backend, startWorker, readyWorkers } = await setup();
		startWorker();
		await readyWorkers(1);
		const done: string[] = [];
		const track = (name: string, p: Promise<unknown>) => p.then(() => done.push(name));
		const first = track('running', backend.run(job('sleep:600'), audio()));
		while ((await backend.status()).queue.running === 0) await sleep(20);
		const partial = track('partial', backend.run(job('sleep:10', 'partial'), audio()));
		await sleep(50);
		const final = track('final', backend.run(job('sleep:10'), audio()));
		await sleep(50);
		await expect(backend.run(job('sleep:10', 'partial'), audio())).rejects.toBeInstanceOf(QueueFullError);
		// 2 waiting now; 4 more fill the 6 places of one worker, the next is refused
		const more = Array.from({ length: 4 }, () => backend.run(job('sleep:10'), audio()));
		await sleep(100);
		await expect(backend.run(job('sleep:10'), audio())).rejects.toBeInstanceOf(QueueFullError);
		await Promise.all([first, partial, final, ...more]);
		expect(done.slice(0, 3)).toEqual(['running', 'final', 'partial']);
	}, 90_000);

	it('delivers, once, the answer of a job whose worker was killed (kill -9) mid-job, from another worker', async () => {
		const { backend, startWorker, attempts, readyWorkers } = await setup();
		const [a, b] = [startWorker(), startWorker()];
		await readyWorkers(2);
		const t0 = Date.now();
		const pending = backend.run(job('sleep:1500'), audio(3));
		while (attempts().length === 0) await sleep(20);
		const holder = Number(attempts()[0].split(' ')[0]);
		process.kill(holder, 'SIGKILL');
		const r = await pending;
		const survivor = holder === a.pid ? b.pid : a.pid;
		expect(pidOf(r.transcript.text)).toBe(survivor);
		expect(r.transcript.text).toBe(`${survivor} final 48000`);
		expect(attempts()).toHaveLength(2);
		expect(Date.now() - t0).toBeLessThan(15_000);
	}, 90_000);

	it('a worker that hangs on a job leaves (exit 70) after the deadline, and another worker answers the job once', async () => {
		const { backend, startWorker, attempts, readyWorkers } = await setup();
		const [a, b] = [startWorker({ FAKE_DEADLINE_MS: '1000' }), startWorker({ FAKE_DEADLINE_MS: '1000' })];
		await readyWorkers(2);
		const exits = new Map<number, number | null>();
		for (const w of [a, b]) w.on('exit', (code) => exits.set(w.pid!, code));
		const r = await backend.run(job('hang-once'), audio(2));
		const [first, second] = attempts().map((l) => Number(l.split(' ')[0]));
		expect(attempts()).toHaveLength(2);
		expect(second).not.toBe(first);
		expect(pidOf(r.transcript.text)).toBe(second);
		while (!exits.has(first)) await sleep(20);
		expect(exits.get(first)).toBe(70);
		expect(exits.has(second)).toBe(false);
	}, 90_000);

	it('fails a poisoned job (it kills every worker that takes it) after one retry, without blocking the queue', async () => {
		const { backend, startWorker, attempts, readyWorkers } = await setup();
		startWorker();
		startWorker();
		startWorker();
		await readyWorkers(3);
		const poisoned = backend.run(job('crash'), audio());
		await sleep(100);
		const next = backend.run(job('after'), audio());
		expect((await next).transcript.text).toMatch(/ final 16000$/);
		await expect(poisoned).rejects.toBeInstanceOf(PoisonJobError);
		expect(attempts().filter((l) => l.endsWith(' crash'))).toHaveLength(2);
		// and the last worker still serves
		expect((await backend.run(job('later'), audio())).transcript.text).toMatch(/ final 16000$/);
	}, 120_000);

	it('keeps audio streams in Redis with the in-memory rules: order, retries, length limit, owner only, any app process', async () => {
		const { service, startWorker, readyWorkers } = await setup();
		const other = await createRedisService(redis.url, (service.streams as unknown as { prefix: string }).prefix);
		services.push(other);
		const id = await service.streams.open(1, ['Meridian Energy']);
		expect(await service.streams.append(id, 1, 0, audio(1).samples)).toBe(16000);
		// another app process takes the next chunk
		expect(await other.streams.append(id, 1, 1, audio(1).samples)).toBe(32000);
		expect(await other.streams.append(id, 1, 1, audio(1).samples)).toBe(32000);
		await expect(service.streams.append(id, 1, 3, audio(1).samples)).rejects.toSatisfy((e) => e instanceof StreamError && e.status === 409 && e.expectedSeq === 2);
		await expect(service.streams.append(id, 2, 2, audio(1).samples)).rejects.toSatisfy((e) => e instanceof StreamError && e.status === 404);
		await expect(service.streams.append(id, 1, 2, new Float32Array(16000 * 59))).rejects.toSatisfy((e) => e instanceof StreamError && e.status === 413);
		const clip = await service.streams.clip(id, 1);
		expect(clip).toMatchObject({ durationSec: 2, vocabulary: ['Meridian Energy'] });
		startWorker();
		await readyWorkers(1);
		const t = await other.backend.run(job('x'), clip.audio);
		expect(t.transcript.text).toMatch(/ final 32000$/);
		await service.streams.close(id, 1);
		await expect(other.streams.clip(id, 1)).rejects.toSatisfy((e) => e instanceof StreamError && e.status === 404);
		// at most 3 open streams per user: opening a 4th drops the oldest
		const ids = [];
		for (let i = 0; i < 4; i++) ids.push(await service.streams.open(5, []));
		await expect(service.streams.clip(ids[0], 5)).rejects.toBeInstanceOf(StreamError);
		await expect(service.streams.clip(ids[3], 5)).resolves.toMatchObject({ durationSec: 0 });
	}, 90_000);

	it('counts the per-user fair-use limits in Redis, shared by every app process', async () => {
		const { service } = await setup();
		const prefix = (service.streams as unknown as { prefix: string }).prefix;
		const other = await createRedisService(redis.url, prefix);
		services.push(other);
		const settings = { requestsPerMin: 3, jobs: 2, audioSecPerMin: 120 };
		const a = new RedisSpeechShare((service.backend as RedisSpeechBackend).conn, prefix, settings);
		const b = new RedisSpeechShare((other.backend as RedisSpeechBackend).conn, prefix, settings);
		const r1 = await a.acquire(1, 55);
		await b.acquire(1, 55);
		await expect(a.acquire(1, 0)).rejects.toSatisfy((e) => e instanceof SpeechShareError && e.code === 'speech_concurrency');
		await expect(b.acquire(2, 55)).resolves.toBeTypeOf('function');
		r1();
		await sleep(50);
		const over = await b.acquire(1, 55).catch((e) => e);
		expect(over).toBeInstanceOf(SpeechShareError);
		expect(over.code).toBe('speech_budget');
		expect(over.retryAfterSec).toBeGreaterThanOrEqual(59);
		await expect(b.acquire(1, 10)).resolves.toBeTypeOf('function');
		for (let i = 0; i < 3; i++) expect((await (i % 2 ? a : b).takeRequest(9)).allowed).toBe(true);
		expect((await a.takeRequest(9)).allowed).toBe(false);
	}, 90_000);
});

describe('when Redis is unreachable', () => {
	it('starts with voice off and a clear message, and voice comes back when Redis does', async () => {
		const later = await testRedis();
		const { backend, service, startWorker, readyWorkers } = await setup(later.url);
		const s = await backend.status();
		expect(s.voice).toBe('unavailable');
		expect(s.message).toContain(`Redis at redis://127.0.0.1:${later.port}`);
		expect(s.message).toMatch(/Typing still works/);
		await expect(backend.run(job('x'), audio())).rejects.toSatisfy((e) => e instanceof SpeechUnavailableError && e.reason === 'unavailable');
		await expect(service.streams.open(1, [])).rejects.toSatisfy((e) => e instanceof SpeechUnavailableError && e.reason === 'unavailable');
		await expect(service.share.takeRequest(1)).rejects.toBeInstanceOf(SpeechUnavailableError);
		startWorker();
		await later.start();
		try {
			await readyWorkers(1, 30_000);
			expect((await backend.run(job('x'), audio())).transcript.text).toMatch(/ final 16000$/);
		} finally {
			await later.stop();
		}
	}, 90_000);

	it('turns voice off when Redis is lost mid-run and back on when it returns', async () => {
		const own = await testRedis();
		await own.start();
		const { backend, startWorker, readyWorkers } = await setup(own.url);
		startWorker();
		await readyWorkers(1);
		expect((await backend.run(job('x'), audio())).transcript.text).toMatch(/ final 16000$/);
		await own.stop();
		await expect.poll(async () => (await backend.status()).voice, { timeout: 10_000 }).toBe('unavailable');
		expect((await backend.status()).message).toMatch(/cannot be reached/);
		await expect(backend.run(job('x'), audio())).rejects.toSatisfy((e) => e instanceof SpeechUnavailableError && e.reason === 'unavailable');
		await own.start();
		try {
			await readyWorkers(1, 30_000);
			expect((await backend.run(job('y'), audio())).transcript.text).toMatch(/ final 16000$/);
		} finally {
			await own.stop();
		}
	}, 90_000);
});
