// The real speech engine of a worker process: Whisper and Silero VAD from MODELS_DIR (models.ts), one job at a time.
import type { SpeechEngine, WorkerReport } from './worker-runtime';
import { speechModels, type SpeechModelRegistry } from './models';
import { runSpeechJob } from './speech';

export function modelReport(registry: SpeechModelRegistry): WorkerReport {
	const models = [registry.whisperStatus, registry.vadStatus].map(({ id, state, progress, message, loadMs }) => ({ id, state, progress, message, loadMs }));
	if (registry.ready) return { state: 'ready', models };
	const off = models.filter((m) => m.state === 'missing' || m.state === 'failed');
	if (off.length) return { state: 'disabled', models, message: off.map((m) => `${m.id}: ${m.message}`).join('; ') };
	return { state: 'loading', models };
}

export function modelEngine(registry: SpeechModelRegistry = speechModels()): SpeechEngine {
	return {
		load: () => registry.load(),
		report: () => modelReport(registry),
		run: (job, samples) => runSpeechJob(job, samples, registry)
	};
}
