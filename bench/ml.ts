// npm run bench:ml — speech and tone figures on this machine: model load times, real-time factor of
// whisper tiny and base on 3/5/10 s clips, p50/p95 latency, turn latency with streaming partials,
// RSS with models loaded, throughput with 4 concurrent callers, tone model utterances per second.
// Clips are espeak-ng sentences (tests/fixtures/speech.ts). Set BENCH_QUICK=1 for fewer repetitions.

import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { WER_EXCLUDED, WER_SENTENCES, readWav, spokenWav, wordErrorRate } from '../tests/fixtures/speech';
import { SpeechModelRegistry, speechConfig } from '../src/lib/server/ml/models';
import { transcribe } from '../src/lib/server/ml/speech';
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
async function streamedTurn(r: SpeechModelRegistry, wav: Wav, mode: 'push' | 'handsfree'): Promise<number> {
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
		busy = transcribe(part, { pass: 'partial' }, r)
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
	await transcribe(final, { pass: 'final', knownText: known }, r);
	const latency = performance.now() - (start + speechEndMs);
	if (busy) await busy;
	return latency;
}

async function main() {
	console.log(`CallCraft speech and tone benchmark — Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${REPS} repetitions${quick ? ' (quick)' : ''}\n`);
	const clips = { 3: clip(3), 5: clip(5), 10: clip(10) };
	const rss0 = process.memoryUsage().rss;

	const rows: string[] = [];
	const results: Record<string, unknown> = {};
	for (const size of ['tiny', 'base'] as const) {
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
			results['tiny.concurrent'] = { audioPerSec: +(audio / wall).toFixed(1), p50: Math.round(pct(lat, 0.5)), p95: Math.round(pct(lat, 0.95)) };
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

void main();
