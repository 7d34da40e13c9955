// `npm run worker:speech`: a speech worker. Loads Whisper and Silero VAD from MODELS_DIR and serves transcription and
// analysis jobs, one at a time:
// - started by the web process (embedded mode, no REDIS_URL): over the IPC channel of its parent (supervisor.ts);
// - started by hand with REDIS_URL set, on this machine or any other: from the BullMQ queue on that Redis.
// See docs/deploy.md.
import { modelEngine } from '../src/lib/server/ml/engine';
import { serveIpc } from '../src/lib/server/ml/worker-runtime';

if (process.send) {
	serveIpc(modelEngine());
} else if (process.env.REDIS_URL) {
	const { serveRedis } = await import('../src/lib/server/ml/redis-queue');
	await serveRedis(modelEngine(), process.env.REDIS_URL);
} else {
	console.error('Set REDIS_URL to the Redis the app uses (e.g. REDIS_URL=redis://app-box:6379), and MODELS_DIR to the models folder. Without REDIS_URL the app starts its own worker; no separate worker is needed.');
	process.exit(2);
}
