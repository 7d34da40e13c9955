// npm run bench:ml — speech and tone figures on this machine: model load times, real-time factor of
// whisper tiny and base on 3/5/10 s clips, p50/p95 latency, turn latency with streaming partials,
// RSS with models loaded, throughput with 4 concurrent callers, tone model utterances per second; then the same
// turns through the speech queue (embedded worker over IPC, and BullMQ on a Redis of its own) against in-process,
// and 4 concurrent callers served by 1 and by 2 Redis workers. BENCH_QUEUE=0 skips the queue part.
// Clips are espeak-ng sentences (tests/fixtures/speech.ts). Set BENCH_QUICK=1 for fewer repetitions.

import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { WER_EXCLUDED, WER_SENTENCES, readWav, spokenWav, wordErrorRate } from '../tests/fixtures/speech';
import { SpeechModelRegistry, speechConfig } from '../src/lib/server/ml/models';
import { transcribe, type Transcript } from '../src/lib/server/ml/speech';
import { EmbeddedSpeechBackend } from '../src/lib/server/ml/embedded';
import type { SpeechBackend } from '../src/lib/server/ml/backend';
import { createRedisService } from '../src/lib/server/ml/redis-queue';
import { defaultWorkerSpawn } from '../src/lib/server/ml/supervisor';
import { testRedis } from '../tests/fixtures/redis';
import { spawn, type ChildProcess } from 'node:child_process';
import { estimateTextTone } from '../src/lib/server/ml/tone';
import { parseGoEmotionsTsv } from '../src/lib/server/ml/tone-data';
import { parseWav, SAMPLE_RATE, type Wav } from '../src/lib/server/ml/wav';

const quick = process.env.BENCH_QUICK === '1';
const REPS = quick ? 3 : 7;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (x: number) => `${Math.round(x)} ms`;
function pct(xs: number[], p: number) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** A clip of about `sec` seconds of speech (sentences joined), with 0.3 s of silence around. */
function clip(sec: number): Wav {
	const sentences = [
		'Good morning, thank you for calling. How can I help you today?',
		'I understand, let me check that for you right away.',
		'Your new card will arrive within five working days.',
		'Please hold the line while I transfer your call.'
	];
	let text = '';
	for (let i = 0; ; i++) {
		text += (text ? ' ' : '') + sentences[i % sentences.length];
		const w = parseWav(readWav(spokenWav(text, { padBefore: 0.3, padAfter: 0.3 })));
		if (w.durationSec >= sec - 0.3) {
			// trim to the target length
			const n = Math.round(sec * SAMPLE_RATE);
			const samples = w.samples.slice(0, n);
			return { sampleRate: SAMPLE_RATE, samples, durationSec: samples.length / SAMPLE_RATE };
		}
	}
}

const WER_SETS = {
	'8 test sentences': WER_SENTENCES,
	'4 excluded candidates': WER_EXCLUDED
};

async function load(size: 'tiny' | 'base') {
	const t0 = performance.now();
	const r = new SpeechModelRegistry(speechConfig({ ...process.env, WHISPER_MODEL: size }));
	await r.load();
	if (!r.ready) throw new Error(`models not ready: ${r.whisperStatus.message ?? ''} ${r.vadStatus.message ?? ''}`);
	return { r, totalMs: performance.now() - t0 };
}

/** Wall time and this process's CPU time (all threads) of one final transcription. */
async function timeTranscribe(r: SpeechModelRegistry, wav: Wav) {
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const t = await transcribe(wav, { pass: 'final' }, r);
	const c = process.cpuUsage(c0);
	return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, text: t.text };
}

/**
 * One streamed turn in real time, as VoiceSession does it: audio arrives as the trainee speaks; a
 * partial transcript of the growing buffer is requested every second while they speak (never two at once),
 * and once more 0.25 s into the pause after the speech ("early final").
 * - push-to-talk: the trainee releases the button the moment they stop speaking → final pass (a running
 *   transcript in flight that covers the speech is awaited and reused instead);
 * - hands-free: the browser ends the turn after 700 ms of quiet; the early final usually covered the
 *   speech by then, and the final answer reuses it (VAD + prosody only), else a final pass runs.
 * Returns end of speech → final transcript, in ms. (`npm run bench:voice` measures the same in the browser.)
 */
type Transcriber = (wav: Wav, pass: 'partial' | 'final', knownText?: string) => Promise<Transcript>;
const inProcess =
	(r: SpeechModelRegistry): Transcriber =>
	(wav, pass, knownText) =>
		transcribe(wav, { pass, knownText }, r);
const throughQueue =
	(b: SpeechBackend): Transcriber =>
	async (wav, pass, knownText) =>
		(await b.run({ kind: 'transcribe', pass, knownText }, { samples: wav.samples })).transcript;

async function streamedTurn(run: SpeechModelRegistry | Transcriber, wav: Wav, mode: 'push' | 'handsfree'): Promise<number> {
	const tx = typeof run === 'function' ? run : inProcess(run);
	const start = performance.now();
	const speechEndMs = wav.durationSec * 1000;
	const turnEndMs = speechEndMs + (mode === 'handsfree' ? 700 : 0);
	const EARLY_MS = 250;
	// the pause after the speech, as the microphone keeps recording
	const withPause = new Float32Array(wav.samples.length + Math.round(SAMPLE_RATE * (turnEndMs - speechEndMs) / 1000));
	withPause.set(wav.samples);
	const covering = wav.samples.length + (EARLY_MS / 1000) * SAMPLE_RATE;
	let busy: Promise<unknown> | null = null;
	let busyUpTo = 0;
	let last: { text: string; samples: number } | null = null;
	const sleepUntil = (t: number) => new Promise((res) => setTimeout(res, Math.max(0, start + t - performance.now())));
	const ticks = [];
	for (let t = 1000; t < speechEndMs; t += 1000) ticks.push(t);
	if (speechEndMs + EARLY_MS < turnEndMs) ticks.push(speechEndMs + EARLY_MS);
	for (const t of ticks) {
		await sleepUntil(t);
		if (busy && t < speechEndMs) continue;
		if (busy) await busy; // the early final goes as soon as the running transcript in flight is back
		const upTo = Math.min(withPause.length, Math.round((t / 1000) * SAMPLE_RATE));
		const part = { sampleRate: SAMPLE_RATE, samples: withPause.slice(0, upTo), durationSec: upTo / SAMPLE_RATE };
		busyUpTo = upTo;
		busy = tx(part, 'partial')
			.then((p) => (last = { text: p.text, samples: upTo }))
			.catch(() => {})
			.finally(() => (busy = null));
	}
	await sleepUntil(turnEndMs);
	const final = { sampleRate: SAMPLE_RATE, samples: withPause, durationSec: withPause.length / SAMPLE_RATE };
	// like VoiceSession: a running transcript in flight that covers the speech is awaited and reused
	const covers = (n: number) => n >= covering;
	if (busy && covers(busyUpTo)) await busy;
	const known = last !== null && covers((last as { samples: number }).samples) ? (last as { text: string }).text : undefined;
	await tx(final, 'final', known);
	const latency = performance.now() - (start + speechEndMs);
	if (busy) await busy;
	return latency;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilReady(b: SpeechBackend, workers: number) {
	for (let i = 0; i < 1200; i++) {
		const s = await b.status();
		if (s.voice === 'ready' && s.workers.list.filter((w) => w.state === 'ready').length >= workers) return s;
		await sleep(100);
	}
	throw new Error(`speech workers not ready: ${JSON.stringify(await b.status())}`);
}

/** p50 of one 5 s final pass and of streamed turns: in-process, embedded worker (IPC), Redis worker (BullMQ). */
async function queueFigures(r: SpeechModelRegistry, clip5: Wav, perCaller: number): Promise<Record<string, unknown>> {
	const out: Record<string, unknown> = {};
	const env = { ...process.env, WHISPER_MODEL: 'tiny' };
	const embedded = new EmbeddedSpeechBackend(defaultWorkerSpawn(env));
	const redis = await testRedis();
	await redis.start();
	const service = await createRedisService(redis.url, 'bench');
	const workers: ChildProcess[] = [];
	const startWorker = () => workers.push(spawn(process.execPath, ['--import', 'tsx', 'scripts/speech-worker.ts'], { env: { ...env, REDIS_URL: redis.url, REDIS_PREFIX: 'bench' }, stdio: 'ignore' }));
	try {
		startWorker();
		await untilReady(embedded, 1);
		await untilReady(service.backend, 1);
		const paths: [string, Transcriber][] = [
			['in-process', inProcess(r)],
			['embedded worker (IPC)', throughQueue(embedded)],
			['Redis worker (BullMQ)', throughQueue(service.backend)]
		];
		console.log('\n  through the speech queue (whisper-tiny; the other paths idle meanwhile):');
		// interleaved, so that the machine's load changes hit every path alike
		const pass: Record<string, number[]> = {};
		const turns: Record<string, number[]> = {};
		for (let i = 0; i < REPS; i++) {
			for (const [name, t] of paths) {
				const t0 = performance.now();
				await t(clip5, 'final');
				(pass[name] ??= []).push(performance.now() - t0);
			}
		}
		for (let i = 0; i < REPS; i++) for (const [name, t] of paths) (turns[name] ??= []).push(await streamedTurn(t, clip5, 'push'));
		const base = { pass: pct(pass['in-process'], 0.5), turn: pct(turns['in-process'], 0.5) };
		for (const [name] of paths) {
			const p = pct(pass[name], 0.5);
			const tt = pct(turns[name], 0.5);
			const delta = name === 'in-process' ? '' : ` (${p - base.pass >= 0 ? '+' : ''}${ms(p - base.pass)} / ${tt - base.turn >= 0 ? '+' : ''}${ms(tt - base.turn)})`;
			console.log(`    ${name}: 5 s final pass p50 ${ms(p)}, push-to-talk turn p50 ${ms(tt)}, p95 ${ms(pct(turns[name], 0.95))}${delta}`);
			out[`queue.${name}`] = { passP50: Math.round(p), turnP50: Math.round(tt), turnP95: Math.round(pct(turns[name], 0.95)) };
		}
		const st = await embedded.status();
		console.log(`    worker RSS: embedded ${st.workers.list[0].rssMb} MB, Redis worker ${(await service.backend.status()).workers.list[0].rssMb} MB; this bench process (models in-process) ${mb(process.memoryUsage().rss)}`);
		await embedded.close();

		// 4 callers at once through Redis, with 1 and with 2 workers
		for (const n of [1, 2]) {
			if (n === 2) {
				startWorker();
				await untilReady(service.backend, 2);
			}
			const t0 = performance.now();
			const lat: number[] = [];
			const run = throughQueue(service.backend);
			await Promise.all(
				[0, 1, 2, 3].map(async () => {
					for (let i = 0; i < perCaller; i++) {
						const s0 = performance.now();
						await run(clip5, 'final');
						lat.push(performance.now() - s0);
					}
				})
			);
			const wall = (performance.now() - t0) / 1000;
			const audio = 4 * perCaller * 5;
			console.log(`    4 concurrent callers, ${n} Redis worker${n > 1 ? 's' : ''}: ${(audio / wall).toFixed(1)} s of audio per s, latency p50 ${ms(pct(lat, 0.5))}, p95 ${ms(pct(lat, 0.95))}`);
			out[`queue.concurrent.${n}`] = { audioPerSec: +(audio / wall).toFixed(1), p50: Math.round(pct(lat, 0.5)), p95: Math.round(pct(lat, 0.95)) };
		}
	} finally {
		for (const w of workers) w.kill('SIGTERM');
		await embedded.close();
		await service.backend.close();
		await redis.stop();
		// a worker still closing its BullMQ connection when Redis went away would wait for it for ever
		for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
	}
	return out;
}

async function main() {
	console.log(`CallCraft speech and tone benchmark — Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${REPS} repetitions${quick ? ' (quick)' : ''}\n`);
	const clips = { 3: clip(3), 5: clip(5), 10: clip(10) };
	const rss0 = process.memoryUsage().rss;

	const rows: string[] = [];
	const results: Record<string, unknown> = {};
	const sizes = process.env.BENCH_MODELS === 'tiny' ? (['tiny'] as const) : (['tiny', 'base'] as const);
	for (const size of sizes) {
		const { r, totalMs } = await load(size);
		const rss = process.memoryUsage().rss;
		console.log(`whisper-${size}: loaded in ${ms(totalMs)} (whisper ${ms(r.whisperStatus.loadMs!)} incl. warm-up, silero ${ms(r.vadStatus.loadMs!)}), RSS ${mb(rss)} (before any model ${mb(rss0)})`);
		results[`${size}.loadMs`] = Math.round(totalMs);
		results[`${size}.rss`] = mb(rss);
		for (const sec of [3, 5, 10] as const) {
			const times: number[] = [];
			const cpu: number[] = [];
			for (let i = 0; i < REPS; i++) {
				const t = await timeTranscribe(r, clips[sec]);
				times.push(t.ms);
				cpu.push(t.cpuMs);
			}
			const p50 = pct(times, 0.5);
			const p95 = pct(times, 0.95);
			rows.push(`| whisper-${size} | ${sec} s | ${(p50 / 1000 / sec).toFixed(2)} | ${ms(p50)} | ${ms(p95)} | ${ms(pct(cpu, 0.5))} |`);
			console.log(`  ${sec} s clip: p50 ${ms(p50)}, p95 ${ms(p95)}, RTF ${(p50 / 1000 / sec).toFixed(2)}, CPU time p50 ${ms(pct(cpu, 0.5))}`);
		}
		for (const mode of ['push', 'handsfree'] as const) {
			const turns: number[] = [];
			for (let i = 0; i < REPS; i++) turns.push(await streamedTurn(r, clips[5], mode));
			console.log(`  turn latency, ${mode} (5 s answer, partials every 1 s, end of speech → final text): p50 ${ms(pct(turns, 0.5))}, p95 ${ms(pct(turns, 0.95))}`);
			results[`${size}.turn.${mode}`] = { p50: Math.round(pct(turns, 0.5)), p95: Math.round(pct(turns, 0.95)) };
		}
		// word error rate on the espeak sentences: the 8 of the unit test and the 4 candidates left out of it
		for (const [name, set] of Object.entries(WER_SETS)) {
			let errors = 0;
			let words = 0;
			for (const sentence of set) {
				const t = await transcribe(parseWav(readWav(spokenWav(sentence))), { pass: 'final' }, r);
				const w = wordErrorRate(sentence, t.text);
				errors += w.errors;
				words += w.words;
			}
			console.log(`  WER, ${name}: ${((100 * errors) / words).toFixed(1)} % (${errors}/${words} words)`);
			results[`${size}.wer.${name}`] = +((100 * errors) / words).toFixed(1);
		}

		if (size === 'tiny') {
			// 4 callers at once, each sending 5 s answers back to back
			const perCaller = quick ? 2 : 4;
			const t0 = performance.now();
			const lat: number[] = [];
			await Promise.all(
				[0, 1, 2, 3].map(async () => {
					for (let i = 0; i < perCaller; i++) lat.push((await timeTranscribe(r, clips[5])).ms);
				})
			);
			const wall = (performance.now() - t0) / 1000;
			const audio = 4 * perCaller * 5;
			console.log(`  4 concurrent callers: ${(audio / wall).toFixed(1)} s of audio per s, ${((4 * perCaller) / wall).toFixed(2)} answers/s, latency p50 ${ms(pct(lat, 0.5))}, p95 ${ms(pct(lat, 0.95))}`);
			results['tiny.concurrent'] = { audioPerSec: +(audio / wall).toFixed(1), p50: Math.round(pct(lat, 0.5)), p95: Math.round(pct(lat, 0.95)) };			if (process.env.BENCH_QUEUE !== '0') Object.assign(results, await queueFigures(r, clips[5], perCaller));
		}
	}

	// tone model: the GoEmotions dev texts, one utterance at a time
	const texts = parseGoEmotionsTsv(readFileSync('../shared/data/goemotions/dev.tsv', 'utf8')).map((r) => r.text);
	estimateTextTone('warm up');
	const t0 = performance.now();
	let n = 0;
	while (performance.now() - t0 < 2000) for (const t of texts) (estimateTextTone(t), n++);
	const perSec = n / ((performance.now() - t0) / 1000);
	console.log(`\ntone model: ${Math.round(perSec)} utterances/s (${(1000 / perSec).toFixed(3)} ms each) on GoEmotions dev texts`);

	console.log('\n| model | clip | RTF (p50) | p50 | p95 | CPU time p50 |\n| --- | --- | ---: | ---: | ---: | ---: |\n' + rows.join('\n'));
	console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
	console.log(JSON.stringify(results));
}

// exit when done: the tone model, Redis clients and the models' thread pools keep the event loop alive otherwise
main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
