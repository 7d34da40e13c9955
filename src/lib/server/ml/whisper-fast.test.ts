// The Whisper speed-ups must not change a single number: compared against the library's own path with the
// real whisper-tiny model and espeak-ng clips.
import { pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWav, spokenWav } from '../../../../tests/fixtures/speech';
import { SpeechModelRegistry, speechConfig } from './models';
import { parseWav } from './wav';
import { fastFbank } from './whisper-fast';

const registry = new SpeechModelRegistry(speechConfig());
let fast: AutomaticSpeechRecognitionPipeline;
let plain: AutomaticSpeechRecognitionPipeline;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

beforeAll(async () => {
	await registry.load();
	expect(registry.whisperStatus.state).toBe('ready');
	fast = registry.get()!.whisper;
	// the library's defaults: no session config, no patches
	plain = await pipeline('automatic-speech-recognition', registry.config.whisperId, { dtype: 'q8', device: 'cpu', local_files_only: true });
}, 120_000);

const SENTENCES = ['Good morning, thank you for calling. How can I help you today?', 'Your new card will arrive within five working days.', 'Could you confirm your date of birth, please?'];
const clip = (text: string) => parseWav(readWav(spokenWav(text))).samples;

describe('log-mel features for the audio only', () => {
	it('equal the library’s 30 s features exactly, for short, long, full-length and silent clips', async () => {
		const fe = (plain as Any).processor.feature_extractor;
		const full = (w: Float32Array) => fe._extract_fbank_features(w);
		const speech = clip(SENTENCES.join(' '));
		const long = new Float32Array(16_000 * 29);
		for (let o = 0; o + speech.length <= long.length; o += speech.length) long.set(speech, o);
		const fullLength = new Float32Array(16_000 * 30).map((_, i) => 0.1 * Math.sin(i / 7));
		for (const audio of [clip(SENTENCES[0]), speech, long, fullLength, new Float32Array(16_000)]) {
			const padded = new Float32Array(16_000 * 30);
			padded.set(audio);
			const want = await full(padded);
			const got = await fastFbank(fe, full, padded);
			expect(got.dims).toEqual([80, 3000]);
			expect(got.dims).toEqual(want.dims);
			let differing = 0;
			for (let i = 0; i < want.data.length; i++) if (got.data[i] !== want.data[i]) differing++;
			expect(differing).toBe(0);
		}
	});
});

describe('fast whisper pipeline', () => {
	it('fetches only the encoder output it uses, with the same values', async () => {
		const enc = (fast as Any).model.sessions.model;
		const feats = await (fast as Any).processor(clip(SENTENCES[1]));
		const x = { input_features: feats.input_features.ort_tensor };
		const lean = await enc.run(x);
		const all = await enc.run(x, enc.outputNames);
		expect(Object.keys(lean)).toEqual(['last_hidden_state']);
		expect(Object.keys(all).length).toBeGreaterThan(1);
		expect(Array.from(lean.last_hidden_state.data as Float32Array)).toEqual(Array.from(all.last_hidden_state.data as Float32Array));
	}, 30_000);

	it('transcribes exactly as the library does without the speed-ups', async () => {
		const opts = { language: 'english', task: 'transcribe' } as const;
		for (const s of SENTENCES) {
			const audio = clip(s);
			const a = (await fast(audio, opts)) as { text: string };
			const b = (await plain(audio, opts)) as { text: string };
			expect(a.text.trim().length).toBeGreaterThan(10);
			expect(a.text).toBe(b.text);
		}
	}, 120_000);
});
