// The speech model registry: finds Whisper and Silero VAD under MODELS_DIR, loads them once in the
// background (remote downloads off), reports progress for the UI, and keeps voice mode off with a
// clear warning when a model file is missing or broken — the app itself keeps running.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { env, pipeline, type AutomaticSpeechRecognitionPipeline, type ProgressInfo } from '@huggingface/transformers';
import type { SpeechConfig } from './config';
import { speechConfig } from './config';
import { InferenceQueue } from './queue';
import { SileroVad } from './vad';
import { speedUpWhisper, WHISPER_SESSION_CONFIG } from './whisper-fast';

export type ModelState = 'not-loaded' | 'loading' | 'ready' | 'missing' | 'failed';

export interface ModelStatus {
	id: string;
	state: ModelState;
	/** 0–1 while loading (bytes read / total). */
	progress: number;
	/** Why it is missing or failed, in words an operator can act on. */
	message?: string;
	loadMs?: number;
}

export { speechConfig, type SpeechConfig } from './config';

const WHISPER_FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];

/** Files that are absent or empty, relative to `dir`. */
function missingFiles(dir: string, files: string[]): string[] {
	return files.filter((f) => {
		const p = join(dir, f);
		return !existsSync(p) || statSync(p).size === 0;
	});
}

export interface SpeechModels {
	whisper: AutomaticSpeechRecognitionPipeline;
	vad: SileroVad;
	whisperQueue: InferenceQueue;
	vadQueue: InferenceQueue;
}

/** Jobs that may wait behind the running one, per model (4 concurrent callers fit). */
const MAX_WAITING = 6;
const WHISPER_TIMEOUT_MS = 60_000;
const VAD_TIMEOUT_MS = 30_000;

export class SpeechModelRegistry {
	readonly whisperStatus: ModelStatus;
	readonly vadStatus: ModelStatus;
	private loading: Promise<void> | null = null;
	private models: Partial<SpeechModels> = {};
	readonly whisperQueue = new InferenceQueue('whisper', MAX_WAITING, WHISPER_TIMEOUT_MS);
	readonly vadQueue = new InferenceQueue('vad', MAX_WAITING, VAD_TIMEOUT_MS);

	constructor(readonly config: SpeechConfig) {
		this.whisperStatus = { id: config.whisperId, state: 'not-loaded', progress: 0 };
		this.vadStatus = { id: `silero-vad-v${config.sileroVersion}`, state: 'not-loaded', progress: 0 };
	}

	/** Start loading both models (once); resolves when both have loaded or failed. Never rejects. */
	load(): Promise<void> {
		this.loading ??= Promise.all([this.loadVad(), this.loadWhisper()]).then(() => {
			const off = [this.whisperStatus, this.vadStatus].filter((s) => s.state !== 'ready');
			for (const s of off) console.warn(`[speech] ${s.id} ${s.state}: ${s.message} — voice mode is disabled, typing still works.`);
		});
		return this.loading;
	}

	get ready(): boolean {
		return this.whisperStatus.state === 'ready' && this.vadStatus.state === 'ready';
	}

	/** The loaded models, or null while loading / when voice is disabled. */
	get(): SpeechModels | null {
		if (!this.ready || !this.models.whisper || !this.models.vad) return null;
		return { whisper: this.models.whisper, vad: this.models.vad, whisperQueue: this.whisperQueue, vadQueue: this.vadQueue };
	}

	private async loadVad() {
		const s = this.vadStatus;
		if (this.config.disabled) return this.disable(s, 'SPEECH_DISABLED=1');
		if (!existsSync(this.config.sileroFile) || statSync(this.config.sileroFile).size === 0) {
			return this.disable(s, `model file not found: ${this.config.sileroFile} (set MODELS_DIR)`, 'missing');
		}
		s.state = 'loading';
		const t0 = performance.now();
		try {
			this.models.vad = await SileroVad.load(this.config.sileroFile, this.config.sileroVersion);
			Object.assign(s, { state: 'ready', progress: 1, loadMs: Math.round(performance.now() - t0) });
		} catch (e) {
			this.disable(s, `cannot load ${this.config.sileroFile}: ${(e as Error).message}`);
		}
	}

	private async loadWhisper() {
		const s = this.whisperStatus;
		if (this.config.disabled) return this.disable(s, 'SPEECH_DISABLED=1');
		const dir = join(this.config.modelsDir, this.config.whisperId);
		const missing = missingFiles(dir, WHISPER_FILES);
		if (missing.length) return this.disable(s, `missing in ${dir}: ${missing.join(', ')} (set MODELS_DIR)`, 'missing');
		env.localModelPath = this.config.modelsDir + '/';
		env.allowLocalModels = true;
		env.allowRemoteModels = false;
		s.state = 'loading';
		const t0 = performance.now();
		try {
			const whisper = await pipeline('automatic-speech-recognition', this.config.whisperId, {
				dtype: 'q8',
				device: 'cpu',
				local_files_only: true,
				// Measured on this 2-core machine: the CPU arena kept ~400 MB more after the first run for no speed gain,
				// and spinning worker threads burned ~35 % more CPU per clip; the CPU is shared, so both are off.
				// WHISPER_SESSION_CONFIG dequantizes the weights once at load (see whisper-fast.ts).
				session_options: {
					enableCpuMemArena: false,
					extra: { session: { ...WHISPER_SESSION_CONFIG, intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } }
				},
				progress_callback: (p: ProgressInfo) => {
					if (p.status === 'progress_total') s.progress = Math.min(0.95, p.progress / 100);
				}
			});
			speedUpWhisper(whisper);
			// The first inference is about twice as slow as later ones: pay for it here, not in a trainee's first answer.
			await whisper(new Float32Array(16_000), { language: 'english', task: 'transcribe' });
			this.models.whisper = whisper;
			Object.assign(s, { state: 'ready', progress: 1, loadMs: Math.round(performance.now() - t0) });
		} catch (e) {
			this.disable(s, `cannot load ${dir}: ${(e as Error).message.split('\n')[0]}`);
		}
	}

	private disable(s: ModelStatus, message: string, state: ModelState = 'failed') {
		Object.assign(s, { state, message, progress: 0 });
	}
}

let registry: SpeechModelRegistry | null = null;

/** The app's registry (created from the environment on first use). */
export function speechModels(): SpeechModelRegistry {
	registry ??= new SpeechModelRegistry(speechConfig());
	return registry;
}
