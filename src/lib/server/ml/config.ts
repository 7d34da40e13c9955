// Speech settings from the environment (no model imports: the web process reads them too).
import { join, resolve } from 'node:path';

export interface SpeechConfig {
	modelsDir: string;
	whisperId: string;
	sileroFile: string;
	sileroVersion: 5 | 6;
	disabled: boolean;
	/** Prompt Whisper with the call's names (company, caller, trainee) when they are known: see speech.ts. */
	prompt: boolean;
}

/**
 * Settings from the environment: MODELS_DIR (default ../shared/models from the repo root), WHISPER_MODEL=tiny|base,
 * SILERO_VERSION=6|5, SPEECH_DISABLED=1, WHISPER_PROMPT=1|0 (default: on for base, off for tiny — measured: the
 * names prompt halves base's errors on call sentences and makes tiny's worse; see the README).
 */
export function speechConfig(e: Record<string, string | undefined> = process.env): SpeechConfig {
	const modelsDir = resolve(process.cwd(), e.MODELS_DIR || '../shared/models');
	const size = e.WHISPER_MODEL === 'base' ? 'base' : 'tiny';
	const sileroVersion = e.SILERO_VERSION === '5' ? 5 : 6;
	return {
		modelsDir,
		whisperId: `Xenova/whisper-${size}`,
		sileroFile: join(modelsDir, 'silero/silero-vad', `silero_vad_v${sileroVersion}.onnx`),
		sileroVersion,
		disabled: e.SPEECH_DISABLED === '1',
		prompt: e.WHISPER_PROMPT === '1' || (e.WHISPER_PROMPT !== '0' && size === 'base')
	};
}
