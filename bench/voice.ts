// npm run bench:voice — turn latency measured the way a trainee lives it: the built app, Debian Chromium with a
// fake microphone playing espeak-ng answers, the real capture worklet, running transcripts and final passes over
// HTTP, and the real models. For each answer the page reports (VoiceInput's data-speech-end-ms) the time from the
// last voiced audio frame to the final text on screen, and (data-turn-end-ms) from the end of the turn.
// - hands-free: the app ends each turn after 0.7 s of quiet by itself;
// - push-to-talk: this script holds the talk button before each answer and releases it 0.6 s after the level
//   meter falls quiet (a person's delay, longer than the pauses inside an answer).
// Builds the app first when build/ is missing. BENCH_QUICK=1 plays fewer answers.
// Speech paths (BENCH_VOICE_MODES, default "embedded,redis"): embedded = the app's own supervised worker over IPC;
// redis = a Redis of its own on a free port and one `npm run worker:speech` process. For each, the web process's RSS
// (VmRSS, without its workers) is reported after the turns. BENCH_BUILD_DIR runs another build (e.g. one of an
// older commit, where the models ran inside the web process, for a before/after in one session).

import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromiumArgs } from '../playwright.config';
import { readWav, spokenWav, wordErrorRate } from '../tests/fixtures/speech';
import { encodeWav } from '../src/lib/audio/wav-encode';
import { parseWav, SAMPLE_RATE } from '../src/lib/server/ml/wav';
import { readFileSync } from 'node:fs';
import { testRedis, type TestRedis } from '../tests/fixtures/redis';

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const base = `http://localhost:${PORT}`;
const quick = process.env.BENCH_QUICK === '1';
const ANSWERS = [
	'Good morning, thank you for calling. How can I help you today?',
	'I understand, let me check that for you right away.',
	'Your new card will arrive within five working days.',
	'Please hold the line while I transfer your call.',
	'Could you confirm your date of birth and the first line of your address, please?',
	'I am sorry about the trouble with your last bill. I will put it right today.'
];
const LEAD_SEC = 2.5;
const GAP_SEC = 3;
/** Push-to-talk: the button is released this long after the level meter falls quiet (longer than the pauses inside an answer). */
const RELEASE_AFTER_MS = 600;

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One WAV with the answers separated by silence, and where each answer's speech ends (seconds). */
function answersWav(texts: string[]): string {
	const parts = texts.map((t) => parseWav(readWav(spokenWav(t, { padBefore: 0, padAfter: 0 }))).samples);
	const gap = GAP_SEC * SAMPLE_RATE;
	const total = LEAD_SEC * SAMPLE_RATE + parts.reduce((n, p) => n + p.length + gap, 0);
	const out = new Float32Array(total);
	let o = LEAD_SEC * SAMPLE_RATE;
	for (const p of parts) {
		out.set(p, o);
		o += p.length + gap;
	}
	const dir = resolve('bench/out');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `voice-${texts.length}.wav`);
	writeFileSync(file, encodeWav(out));
	return file;
}

const BUILD = process.env.BENCH_BUILD_DIR || 'build';

async function startServer(extraEnv: Record<string, string> = {}) {
	const db = join(mkdtempSync(join(tmpdir(), 'callcraft-voice-bench-')), 'bench.db');
	const child = spawn(process.execPath, [join(BUILD, 'index.js')], {
		env: { ...process.env, PORT: String(PORT), ORIGIN: base, DATABASE_PATH: db, NODE_ENV: 'production', ...extraEnv },
		stdio: 'ignore'
	});
	const t0 = performance.now();
	for (;;) {
		try {
			const s = await fetch(`${base}/api/speech/status`);
			if (s.status === 401 || s.status === 403 || s.ok) break;
		} catch {
			/* not up yet */
		}
		if (performance.now() - t0 > 120_000) throw new Error('server did not start in 120 s');
		await new Promise((r) => setTimeout(r, 100));
	}
	return child;
}

interface Turn {
	speechEndMs: number;
	turnEndMs: number;
	text: string;
}

async function run(mode: 'push' | 'handsfree', wav: string, texts: string[]): Promise<Turn[]> {
	const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
	const browser = await chromium.launch({
		executablePath,
		args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`]
	});
	try {
		const page = await (await browser.newContext({ baseURL: base })).newPage();
		await page.goto('/login?redirectTo=%2Fpractice%2Fvoice-check');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await page.getByLabel('E-mail').fill('priya@callcraft.demo');
		await page.getByLabel('Password').fill('Trainer-demo-2026');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/practice\/voice-check/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await page.getByTestId('voice-status').getByText('Voice ready').waitFor({ timeout: 120_000 });
		await page.getByRole('button', { name: 'Turn on microphone' }).click();
		await page.getByRole('meter').waitFor();
		if (mode === 'handsfree') await page.getByLabel('Hands-free').check();

		const heard = page.getByTestId('heard-list').locator('li');
		const latency = page.getByTestId('voice-latency');
		const turns: Turn[] = [];
		const level = () => page.getByRole('meter').getAttribute('aria-valuenow').then(Number);
		const deadline = performance.now() + (LEAD_SEC + texts.length * (GAP_SEC + 8)) * 1000 + 30_000;
		const talk = page.getByRole('button', { name: /Hold to talk|Recording/ });
		for (let i = 0; i < texts.length && performance.now() < deadline; i++) {
			if (mode === 'push') {
				// hold the button in the silence before the answer, release RELEASE_AFTER_MS after the meter falls quiet
				await talk.hover();
				await page.mouse.down();
				let loud = false;
				let quietSince = 0;
				for (;;) {
					const l = await level();
					const now = performance.now();
					if (l > 20) (loud = true), (quietSince = 0);
					else if (loud && !quietSince) quietSince = now;
					if (loud && quietSince && now - quietSince >= RELEASE_AFTER_MS) break;
					if (now > deadline) break;
					await page.waitForTimeout(15);
				}
				await page.mouse.up();
			}
			// the newest answer is listed first
			await heard.nth(i).waitFor({ timeout: 60_000 });
			const text = (await heard.first().locator('strong').first().textContent()) ?? '';
			turns.push({ speechEndMs: Number(await latency.getAttribute('data-speech-end-ms')), turnEndMs: Number(await latency.getAttribute('data-turn-end-ms')), text });
		}
		return turns;
	} finally {
		await browser.close();
	}
}

if (!existsSync('build/index.js')) {
	console.log('building the app first (npx vite build)…');
	execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
}
const texts = quick ? ANSWERS.slice(0, 3) : ANSWERS;
const wav = answersWav(texts);
console.log(`CallCraft voice turn benchmark — ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${texts.length} answers per mode, whisper-${process.env.WHISPER_MODEL === 'base' ? 'base' : 'tiny'}\n`);
/** Resident memory of one process (MB), from /proc. */
const rssOf = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

const modes = (process.env.BENCH_VOICE_MODES ?? 'embedded,redis').split(',').map((m) => m.trim());
for (const speech of modes) {
	let redis: TestRedis | null = null;
	const extra: Record<string, string> = {};
	let worker: ReturnType<typeof spawn> | null = null;
	if (speech === 'redis') {
		redis = await testRedis();
		await redis.start();
		extra.REDIS_URL = redis.url;
		worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/speech-worker.ts'], { env: { ...process.env, REDIS_URL: redis.url }, stdio: 'ignore' });
	}
	console.log(`— speech path: ${speech}${BUILD !== 'build' ? ` (build ${BUILD})` : ''}`);
	const server = await startServer(extra);
	try {
		for (const mode of ['push', 'handsfree'] as const) {
			const turns = await run(mode, wav, texts);
			if (turns.length < texts.length) console.log(`  (${mode}: only ${turns.length} of ${texts.length} answers came back)`);
			let errors = 0;
			let words = 0;
			turns.forEach((t, i) => {
				const w = wordErrorRate(texts[i], t.text.replace(/[“”]/g, ''));
				errors += w.errors;
				words += w.words;
			});
			const s = turns.map((t) => t.speechEndMs);
			const e = turns.map((t) => t.turnEndMs);
			console.log(`${mode}: end of speech → final text p50 ${sec(pct(s, 0.5))}, p95 ${sec(pct(s, 0.95))}, max ${sec(Math.max(...s))}; end of turn → final text p50 ${sec(pct(e, 0.5))}; WER ${((100 * errors) / words).toFixed(1)} %`);
			for (const t of turns) console.log(`    ${sec(t.speechEndMs)} / ${sec(t.turnEndMs)}  ${t.text.slice(0, 70)}`);
		}
		let children: number[] = [];
		try {
			children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
		} catch {
			/* no child process: an older build with the models inside the web process */
		}
		const workerPids = worker?.pid ? [worker.pid] : children;
		console.log(`RSS after the turns: web process ${rssOf(server.pid!)} MB; speech worker${workerPids.length === 1 ? '' : 's'} ${workerPids.map(rssOf).join(', ') || 'none (models in the web process)'} MB\n`);
	} finally {
		server.kill('SIGTERM');
		worker?.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 500));
		await redis?.stop();
	}
}
console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
