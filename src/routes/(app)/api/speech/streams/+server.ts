// POST /api/speech/streams — open an audio stream for one spoken turn (see [id]/+server.ts and docs/api.md).
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { takeRateLimit } from '$lib/server/ml/api';
import { audioStreams, STREAM_IDLE_MS } from '$lib/server/ml/streams';
import { MAX_WAV_SECONDS } from '$lib/server/ml/wav';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	takeRateLimit('speech', user.id);
	const id = audioStreams().open(user.id);
	return json({ id, maxSec: MAX_WAV_SECONDS, idleTimeoutSec: STREAM_IDLE_MS / 1000 }, { status: 201 });
});
