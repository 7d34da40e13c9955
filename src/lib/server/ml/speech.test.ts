// The speech pipeline with the real models from MODELS_DIR and espeak-ng fixtures.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prosodyArousal } from '../../domain/tone';
import { WER_SENTENCES as SENTENCES, readWav, spokenWav, wordErrorRate } from '../../../../tests/fixtures/speech';
import { encodeWav } from '../../audio/wav-encode';
import { SpeechModelRegistry, speechConfig } from './models';
import { QueueFullError } from './queue';
import { analyze, SpeechUnavailableError, transcribe } from './speech';
import { parseWav } from './wav';

const registry = new SpeechModelRegistry(speechConfig());

beforeAll(async () => {
	await registry.load();
	expect(registry.whisperStatus.state).toBe('ready');
	expect(registry.vadStatus.state).toBe('ready');
});


describe('transcribe (whisper-tiny + Silero VAD)', () => {
	it('transcribes the spoken fixture sentences with a word error rate of at most 15 %', async () => {
		let errors = 0;
		let words = 0;
		const heard: string[] = [];
		for (const sentence of SENTENCES) {
			const t = await transcribe(parseWav(readWav(spokenWav(sentence))), { pass: 'final' }, registry);
			expect(t.speech).toBe(true);
			expect(t.segments.length).toBeGreaterThan(0);
			const w = wordErrorRate(sentence, t.text);
			heard.push(`${w.errors}/${w.words} ${t.text}`);
			errors += w.errors;
			words += w.words;
		}
		expect(errors / words, heard.join('\n')).toBeLessThanOrEqual(0.15);
	}, 240_000);

	it('returns empty text and speech:false for silence and faint noise, without running Whisper', async () => {
		const noise = new Float32Array(16000 * 2).map((_, i) => 0.0005 * Math.sin(i * 1.7) * Math.sin(i * 0.013));
		const t = await transcribe(parseWav(encodeWav(noise)), {}, registry);
		expect(t).toMatchObject({ text: '', speech: false, segments: [], speechSegments: [] });
		expect(t.timings.asrMs).toBe(0);
		expect(t.durationSec).toBeCloseTo(2, 5);
	});

	it('reuses a running transcript that covered the speech instead of running Whisper again', async () => {
		const wav = parseWav(readWav(spokenWav('Let me put you on hold for a moment.')));
		const t = await transcribe(wav, { pass: 'final', knownText: ' Let me put you on hold for a moment. ' }, registry);
		expect(t).toMatchObject({ text: 'Let me put you on hold for a moment.', speech: true });
		expect(t.timings.asrMs).toBe(0);
		const silent = await transcribe(parseWav(encodeWav(new Float32Array(16000))), { knownText: 'ghost words' }, registry);
		expect(silent).toMatchObject({ text: '', speech: false });
	});

	it('refuses a partial pass while Whisper already has two jobs, but queues a final one', async () => {
		const wav = parseWav(readWav(spokenWav('Let me put you on hold for a moment.')));
		const sleep = () => new Promise((r) => setTimeout(r, 300));
		const busy = [registry.whisperQueue.push(sleep), registry.whisperQueue.push(sleep)];
		await expect(transcribe(wav, { pass: 'partial' }, registry)).rejects.toBeInstanceOf(QueueFullError);
		const final = await transcribe(wav, { pass: 'final' }, registry);
		expect(final.text.toLowerCase()).toContain('moment');
		await Promise.all(busy);
	}, 60_000);

	it('finds speech boundaries within 150 ms of the known silence padding', async () => {
		const wav = parseWav(readWav(spokenWav('Let me put you on hold for a moment.', { padBefore: 1.2, padAfter: 1.5 })));
		// synthetic audio: the silence around the speech is exact zeros
		const first = wav.samples.findIndex((x) => Math.abs(x) > 1e-3) / 16000;
		const last = (wav.samples.length - 1 - [...wav.samples].reverse().findIndex((x) => Math.abs(x) > 1e-3)) / 16000;
		expect(first).toBeGreaterThanOrEqual(1.2);
		const t = await transcribe(wav, {}, registry);
		const segs = t.speechSegments;
		expect(segs.length).toBeGreaterThan(0);
		expect(Math.abs(segs[0].start - first)).toBeLessThanOrEqual(0.15);
		expect(Math.abs(segs[segs.length - 1].end - last)).toBeLessThanOrEqual(0.15);
	}, 60_000);
});

describe('analyze (prosody + tone)', () => {
	it('ranks a shouted, fast utterance above the same words said calmly', async () => {
		// Neutral words without digits, so the ranking is the voice's: with annoyed words the text alone already reads
		// ~0.9 angry and Whisper's two transcripts move it more than prosody can; spoken digits once gave the calm clip
		// a words-per-minute figure of 4,139 (its speech span measured wrong).
		const text = 'I would like to change the address on my account, please, we moved last week.';
		const calm = await analyze(parseWav(readWav(spokenWav(text, { amplitude: 40, speed: 140 }))), {}, registry);
		const baseline = { rmsDb: calm.prosody.rmsDb, f0Hz: calm.prosody.f0MeanHz ?? undefined };
		const calmAgain = await analyze(parseWav(readWav(spokenWav(text, { amplitude: 40, speed: 140 }))), { baseline }, registry);
		const shouted = await analyze(parseWav(readWav(spokenWav(text, { amplitude: 180, speed: 230 }))), { baseline }, registry);
		expect(shouted.prosody.loudnessDb).toBeGreaterThan(calmAgain.prosody.loudnessDb + 6);
		expect(shouted.prosody.wordsPerMinute!).toBeGreaterThan(calmAgain.prosody.wordsPerMinute!);
		expect(prosodyArousal(shouted.prosody)).toBeGreaterThan(prosodyArousal(calmAgain.prosody));
		expect(shouted.tone.anger).toBeGreaterThan(calmAgain.tone.anger);
		expect(shouted.tone.source).toBe('text+prosody');
		expect(calmAgain.prosody.f0MeanHz).toBeGreaterThan(60);
	}, 120_000);

	it('measures overtalk against the customer line', async () => {
		const wav = parseWav(readWav(spokenWav('Sorry, can I just stop you there?', { padBefore: 0.5 })));
		const a = await analyze(wav, { customerSpans: [{ start: 0, end: 1.0 }] }, registry);
		const speechStart = a.transcript.speechSegments[0].start;
		expect(a.prosody.overtalkSec).toBeCloseTo(1.0 - speechStart, 1);
	}, 60_000);
});

describe('missing or broken model files', () => {
	it('reports missing models and disables voice instead of crashing', async () => {
		const r = new SpeechModelRegistry(speechConfig({ MODELS_DIR: mkdtempSync(join(tmpdir(), 'no-models-')) }));
		await r.load();
		expect(r.whisperStatus.state).toBe('missing');
		expect(r.vadStatus.state).toBe('missing');
		expect(r.whisperStatus.message).toMatch(/encoder_model_quantized\.onnx/);
		await expect(transcribe(parseWav(encodeWav(new Float32Array(1600))), {}, r)).rejects.toBeInstanceOf(SpeechUnavailableError);
	});

	it('reports corrupt model files as failed', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bad-models-'));
		mkdirSync(join(dir, 'silero/silero-vad'), { recursive: true });
		writeFileSync(join(dir, 'silero/silero-vad/silero_vad_v6.onnx'), 'not an onnx model');
		const w = join(dir, 'Xenova/whisper-tiny');
		mkdirSync(join(w, 'onnx'), { recursive: true });
		for (const f of ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']) writeFileSync(join(w, f), '{');
		for (const f of ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']) writeFileSync(join(w, f), 'garbage');
		const r = new SpeechModelRegistry(speechConfig({ MODELS_DIR: dir }));
		await r.load();
		expect(r.vadStatus.state).toBe('failed');
		expect(r.whisperStatus.state).toBe('failed');
		expect(r.ready).toBe(false);
	});
});
