// Scale-out speech, end to end: a Redis of its own (free port), the built app with REDIS_URL on E2E_PORT+7, and two
// real `npm run worker:speech` processes with Whisper and Silero. A trainee's turn is streamed in chunks, the app
// process is restarted mid-turn (the chunks live in Redis), and the worker that takes the final pass is killed with
// SIGKILL in the middle of it: the trainee still gets the whole transcript, from the other worker.
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeWav } from '../../src/lib/audio/wav-encode';
import { parseWav } from '../../src/lib/server/ml/wav';
import { testRedis, type TestRedis } from '../fixtures/redis';
import { readWav, spokenWav } from '../fixtures/speech';
import { loginRequest, startBuiltServer, stopServer } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 7;
const base = `http://localhost:${PORT}`;
const MODELS_DIR = process.env.MODELS_DIR ?? resolve('..', 'shared', 'models');
const wavHeaders = { 'content-type': 'audio/wav' };

let redis: TestRedis;
let app: Awaited<ReturnType<typeof startBuiltServer>> | null = null;
const workers: ChildProcess[] = [];
const dbPath = join(mkdtempSync(join(tmpdir(), 'speech-workers-')), 'app.db');
const appEnv = () => ({ REDIS_URL: redis.url, MODELS_DIR, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', BODY_SIZE_LIMIT: '6M', SHED_LAG_MS: '0' });

function startWorker(): ChildProcess {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/speech-worker.ts'], { env: { ...process.env, REDIS_URL: redis.url, MODELS_DIR }, stdio: 'ignore' });
	workers.push(child);
	return child;
}

test.beforeAll(async () => {
	redis = await testRedis();
	await redis.start();
	app = await startBuiltServer(PORT, dbPath, appEnv());
});
test.afterAll(async () => {
	for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
	if (app) await stopServer(app.child);
	await redis.stop();
});

async function signedIn(who: string, address: string): Promise<APIRequestContext> {
	const ctx = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { 'x-forwarded-for': address, origin: base } });
	await loginRequest(ctx, who, base);
	return ctx;
}

interface Status {
	voice: string;
	message?: string;
	workers: { count: number; list: { id: string; state: string; busy: boolean; jobsDone: number }[] };
}
const statusOf = async (ctx: APIRequestContext) => (await (await ctx.get('/api/speech/status')).json()) as Status;

/** About 35 s of a trainee talking: the call-centre sentences one after another (each part is one sentence). */
function longAnswer(): { parts: Float32Array[]; rounds: number } {
	const sentences = [
		'Good morning, thank you for calling. How can I help you today?',
		'I understand, let me check that for you right away.',
		'Your new card will arrive within five working days.',
		'Please hold the line while I transfer your call to the billing team.'
	];
	const parts = sentences.map((t) => parseWav(readWav(spokenWav(t, { padBefore: 0.3, padAfter: 0.4 }))).samples);
	const one = parts.reduce((n, p) => n + p.length, 0);
	const rounds = Math.ceil((16000 * 33) / one);
	return { parts: Array.from({ length: rounds }, () => parts).flat(), rounds };
}

const count = (text: string, words: string) => text.split(words).length - 1;

test('a voice turn through two Redis workers survives an app restart and a worker killed mid final pass', async ({ browser }) => {
	test.setTimeout(300_000);
	const admin = await signedIn('admin', '127.0.0.71');
	// no worker yet: voice is off with a clear message, typing is untouched
	const none = await statusOf(admin);
	expect(none.voice).toBe('unavailable');
	expect(none.message).toMatch(/no speech worker is running/);

	startWorker();
	startWorker();
	await expect
		.poll(async () => (await statusOf(admin)).workers.list.filter((w) => w.state === 'ready').length, { timeout: 120_000, intervals: [1000] })
		.toBe(2);

	// the admin page lists both workers (screenshots at desktop and phone widths)
	const page = await browser.newPage({ baseURL: base, viewport: { width: 1280, height: 900 } });
	await page.context().addCookies((await admin.storageState()).cookies);
	await page.goto('/admin/speech');
	await expect(page.getByTestId('speech-voice')).toHaveText('Voice ready');
	await expect(page.getByTestId('speech-mode')).toHaveText('Redis + BullMQ workers');
	await expect(page.getByTestId('speech-worker-count')).toHaveText('2');
	await expect(page.getByTestId('speech-workers').locator('tbody tr')).toHaveCount(2);
	await page.screenshot({ path: 'test-results/admin-speech-1280.png', fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({ path: 'test-results/admin-speech-375.png', fullPage: true });
	await page.close();

	const trainee = await signedIn('alex', '127.0.0.72');
	const opened = await trainee.post('/api/speech/streams');
	expect(opened.status(), await opened.text()).toBe(201);
	const { id } = await opened.json();
	const { parts, rounds } = longAnswer();
	const half = Math.ceil(parts.length / 2);
	let seq = 0;
	for (const p of parts.slice(0, half)) {
		const r = await trainee.post(`/api/speech/streams/${id}?seq=${seq++}&then=${seq === 2 ? 'transcribe' : 'none'}`, { data: Buffer.from(encodeWav(p)), headers: wavHeaders });
		expect(r.status(), await r.text()).toBe(200);
	}

	// the app process restarts mid-turn: the stream is in Redis, the session in the database
	await stopServer(app!.child);
	app = await startBuiltServer(PORT, dbPath, appEnv());
	await expect.poll(async () => (await statusOf(trainee)).voice, { timeout: 30_000 }).toBe('ready');

	for (const p of parts.slice(half, -1)) {
		const r = await trainee.post(`/api/speech/streams/${id}?seq=${seq++}`, { data: Buffer.from(encodeWav(p)), headers: wavHeaders });
		expect(r.status(), await r.text()).toBe(200);
	}
	const doneBefore = new Map((await statusOf(admin)).workers.list.map((w) => [w.id, w.jobsDone]));
	const started = Date.now();
	let answered = false;
	const final = trainee
		.post(`/api/speech/streams/${id}?seq=${seq++}&then=analyze`, { data: Buffer.from(encodeWav(parts.at(-1)!)), headers: wavHeaders, timeout: 120_000 })
		.finally(() => (answered = true));

	// kill -9 the worker that holds the final pass, while it runs
	let victim: string | undefined;
	while (!victim && !answered) {
		victim = (await statusOf(admin)).workers.list.find((w) => w.busy)?.id;
		if (!victim) await new Promise((r) => setTimeout(r, 100));
	}
	expect(victim, 'the final pass was running on a worker').toBeDefined();
	expect(answered).toBe(false);
	const victimPid = Number(victim!.split(':').pop());
	const victimProcess = workers.find((w) => w.pid === victimPid);
	expect(victimProcess, `worker ${victim} is one of ours`).toBeDefined();
	victimProcess!.kill('SIGKILL');

	const res = await final;
	expect(res.status(), await res.text()).toBe(200);
	const { analysis } = await res.json();
	const text = analysis.transcript.text.toLowerCase();
	// every sentence as often as it was said, from before the app restart to the very end of the turn: nothing lost
	expect(count(text, 'thank you for calling'), text).toBe(rounds);
	expect(count(text, 'five working days'), text).toBe(rounds);
	expect(count(text, 'please hold the line'), text).toBe(rounds);
	expect(analysis.transcript.durationSec).toBeGreaterThan(30);
	expect(analysis.tone.source).toBe('text+prosody');
	// answered within the job timeout, by the surviving worker
	const took = Date.now() - started;
	console.log(`final pass answered ${(took / 1000).toFixed(1)} s after it was sent (its first worker killed mid-pass)`);
	expect(took).toBeLessThan(60_000);
	const survivor = (await statusOf(admin)).workers.list.find((w) => w.id !== victim)!;
	expect(survivor.jobsDone).toBe(doneBefore.get(survivor.id)! + 1);
	await expect.poll(async () => (await statusOf(admin)).workers.count, { timeout: 20_000 }).toBe(1);
	// the stream was closed by its final answer
	expect((await trainee.post(`/api/speech/streams/${id}?seq=${seq}`, { data: Buffer.from(encodeWav(parts[0])), headers: wavHeaders })).status()).toBe(404);
	await Promise.all([admin.dispose(), trainee.dispose()]);
});
