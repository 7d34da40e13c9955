// The embedded speech worker: a real child process (the worker runtime over IPC, with the model-free engine of
// tests/fixtures/fake-speech-worker.ts) supervised by the real EmbeddedSpeechBackend.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedSpeechBackend } from './embedded';
import { PoisonJobError, SpeechJobError, SpeechUnavailableError } from './errors';
import type { SpeechJob } from './jobs';
import { QueueFullError } from './queue';

const backends: EmbeddedSpeechBackend[] = [];
afterEach(async () => {
	await Promise.all(backends.splice(0).map((b) => b.close()));
});

function start(env: Record<string, string> = {}, backoffMs = [100, 600], deadlineMs?: number) {
	const log = join(mkdtempSync(join(tmpdir(), 'fake-worker-')), 'jobs.log');
	const b = new EmbeddedSpeechBackend(
		{ script: resolve('tests/fixtures/fake-speech-worker.ts'), cwd: process.cwd(), env: { ...process.env, FAKE_LOG: log, ...env } },
		{ backoffMs, timeoutMs: 20_000, deadlineMs }
	);
	backends.push(b);
	const attempts = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
	return { b, attempts };
}

async function until(b: EmbeddedSpeechBackend, voice: string, timeoutMs = 20_000) {
	const t0 = Date.now();
	while ((await b.status()).voice !== voice) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`voice never became ${voice}: ${JSON.stringify(await b.status())}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

const job = (command: string, pass: SpeechJob['pass'] = 'final', kind: SpeechJob['kind'] = 'transcribe'): SpeechJob => ({ kind, pass, vocabulary: [command] });
const audio = (sec = 1) => ({ samples: new Float32Array(16000 * sec) });
const pidOf = (text: string) => Number(text.split(' ')[0]);

describe('embedded speech worker (supervised child process)', () => {
	it('runs jobs in the worker process and reports it: ready, pid, heartbeat, models', async () => {
		const { b } = start();
		await until(b, 'ready');
		const t = await b.run(job('hello', 'final', 'analyze'), audio(2));
		const s = await b.status();
		expect(pidOf(t.transcript.text)).toBe(b.supervisor.pid);
		expect(pidOf(t.transcript.text)).not.toBe(process.pid);
		expect(t.transcript.text).toBe(`${b.supervisor.pid} final 32000`);
		expect(t.prosody?.durationSec).toBe(2);
		expect(s).toMatchObject({ mode: 'embedded', voice: 'ready', workers: { count: 1 }, models: [{ id: 'fake-whisper', state: 'ready' }] });
		expect(Date.parse(s.workers.list[0].lastHeartbeat!)).toBeGreaterThan(Date.now() - 5000);
	});

	it('restarts a worker that died, with back-off, reporting "restarting" and refusing new work meanwhile', async () => {
		const { b } = start({ FAKE_LOAD_MS: '200' });
		await until(b, 'ready');
		const firstPid = b.supervisor.pid;
		b.supervisor.kill();
		await until(b, 'restarting');
		await expect(b.run(job('x'), audio())).rejects.toSatisfy((e) => e instanceof SpeechUnavailableError && e.reason === 'restarting');
		const t1 = Date.now();
		await until(b, 'ready');
		// first restart after 100 ms, then the model load (200 ms)
		expect(Date.now() - t1).toBeGreaterThanOrEqual(250);
		expect(b.supervisor.pid).not.toBe(firstPid);
		expect(b.supervisor.restarts).toBe(1);
		expect((await b.status()).workers.list[0].lastExit).toMatch(/SIGKILL/);

		// a second crash in a row waits longer (600 ms back-off)
		b.supervisor.kill();
		await until(b, 'restarting');
		const t2 = Date.now();
		await until(b, 'ready');
		expect(Date.now() - t2).toBeGreaterThanOrEqual(700);
		expect(b.supervisor.restarts).toBe(2);
		expect(pidOf((await b.run(job('x'), audio())).transcript.text)).toBe(b.supervisor.pid);
	}, 30_000);

	it('delivers the transcript of a job whose worker was killed mid-job, once, from the restarted worker', async () => {
		const { b, attempts } = start();
		await until(b, 'ready');
		const firstPid = b.supervisor.pid;
		const pending = b.run(job('sleep:400'), audio(3));
		while (attempts().length === 0) await new Promise((r) => setTimeout(r, 10));
		b.supervisor.kill();
		const t = await pending;
		expect(pidOf(t.transcript.text)).not.toBe(firstPid);
		expect(pidOf(t.transcript.text)).toBe(b.supervisor.pid);
		expect(attempts()).toHaveLength(2);
	}, 30_000);

	it('answers a poisoned job (the worker dies on it every time) after one retry, and the queue goes on', async () => {
		const { b, attempts } = start();
		await until(b, 'ready');
		const poisoned = b.run(job('crash'), audio());
		const next = b.run(job('after'), audio());
		await expect(poisoned).rejects.toBeInstanceOf(PoisonJobError);
		expect(attempts().filter((l) => l.endsWith(' crash'))).toHaveLength(2);
		expect((await next).transcript.text).toMatch(/ final 16000$/);
		expect(attempts().filter((l) => l.endsWith(' after'))).toHaveLength(1);
	}, 30_000);

	it('the watchdog kills a worker that hangs on a job, restarts it and runs the job again, once', async () => {
		const { b, attempts } = start({}, [100, 600], 400);
		await until(b, 'ready');
		const firstPid = b.supervisor.pid;
		const t = await b.run(job('hang-once'), audio(2));
		expect(pidOf(t.transcript.text)).not.toBe(firstPid);
		expect(pidOf(t.transcript.text)).toBe(b.supervisor.pid);
		expect(attempts().filter((l) => l.endsWith(' hang-once'))).toHaveLength(2);
		expect(b.supervisor.hungJobs).toBe(1);
		const w = (await b.status()).workers.list[0];
		expect(w.hungJobs).toBe(1);
		expect(w.lastExit).toMatch(/SIGKILL/);
	}, 30_000);

	it('answers a job that hangs every time as poisoned after one retry, and the jobs behind it still run', async () => {
		const { b, attempts } = start({}, [100, 600], 400);
		await until(b, 'ready');
		const hung = b.run(job('hang'), audio());
		const next = b.run(job('behind'), audio());
		await expect(hung).rejects.toBeInstanceOf(PoisonJobError);
		expect(attempts().filter((l) => l.endsWith(' hang'))).toHaveLength(2);
		expect((await next).transcript.text).toMatch(/ final 16000$/);
		expect(b.supervisor.hungJobs).toBe(2);
	}, 30_000);

	it('does not fire the watchdog for a slow job that answers before the deadline', async () => {
		const { b } = start({}, [100, 600], 1000);
		await until(b, 'ready');
		const firstPid = b.supervisor.pid;
		const t = await b.run(job('sleep:600'), audio());
		expect(pidOf(t.transcript.text)).toBe(firstPid);
		expect(b.supervisor.hungJobs).toBe(0);
		expect(b.supervisor.restarts).toBe(0);
	}, 30_000);

	it('passes an error the worker answered with on, without retrying it', async () => {
		const { b, attempts } = start();
		await until(b, 'ready');
		await expect(b.run(job('throw'), audio())).rejects.toSatisfy((e) => e instanceof SpeechJobError && /inference failed/.test((e as Error).message));
		expect(attempts()).toHaveLength(1);
		expect(b.supervisor.restarts).toBe(0);
	});

	it('runs final passes before waiting partial passes, and refuses a partial pass that would queue behind two jobs', async () => {
		const { b } = start();
		await until(b, 'ready');
		const done: string[] = [];
		const track = (name: string, p: Promise<unknown>) => p.then(() => done.push(name));
		const first = track('running final', b.run(job('sleep:300'), audio()));
		await new Promise((r) => setTimeout(r, 50));
		const partial = track('partial', b.run(job('sleep:10', 'partial'), audio()));
		const final = track('final', b.run(job('sleep:10', 'final'), audio()));
		await expect(b.run(job('sleep:10', 'partial'), audio())).rejects.toBeInstanceOf(QueueFullError);
		await Promise.all([first, partial, final]);
		expect(done).toEqual(['running final', 'final', 'partial']);
	}, 30_000);

	it('keeps the queue bounded: past 6 waiting jobs it answers busy with a Retry-After', async () => {
		const { b } = start();
		await until(b, 'ready');
		const jobs = Array.from({ length: 7 }, () => b.run(job('sleep:100'), audio()));
		const refused = b.run(job('sleep:100'), audio());
		await expect(refused).rejects.toBeInstanceOf(QueueFullError);
		await expect(refused).rejects.toHaveProperty('retryAfterSec', expect.any(Number));
		expect((await b.status()).queue).toMatchObject({ depth: 7, waiting: 6, running: 1 });
		await Promise.all(jobs);
	}, 30_000);

	it('turns voice off (no restarts) when the worker cannot load its models', async () => {
		const { b } = start({ FAKE_DISABLED: '1' });
		await until(b, 'disabled');
		const s = await b.status();
		expect(s.message).toMatch(/FAKE_DISABLED=1/);
		await expect(b.run(job('x'), audio())).rejects.toSatisfy((e) => e instanceof SpeechUnavailableError && e.reason === 'disabled');
		await new Promise((r) => setTimeout(r, 300));
		expect(b.supervisor.restarts).toBe(0);
		expect((await b.status()).voice).toBe('disabled');
	});
});
