// GET /api/speech/status — whether voice mode is available, with loading progress for the UI.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { speechModels } from '$lib/server/ml/models';

export const GET = apiHandler(async (event) => {
	requireUser(event);
	const registry = speechModels();
	void registry.load();
	const models = [registry.whisperStatus, registry.vadStatus];
	const state = registry.ready ? 'ready' : models.some((m) => m.state === 'missing' || m.state === 'failed') ? 'disabled' : 'loading';
	return json({
		voice: state,
		progress: models.reduce((s, m) => s + m.progress, 0) / models.length,
		models: models.map(({ id, state, progress, message, loadMs }) => ({ id, state, progress, message, loadMs })),
		queue: { whisper: registry.whisperQueue.depth, vad: registry.vadQueue.depth }
	});
});
