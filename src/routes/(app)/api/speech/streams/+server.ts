// POST /api/speech/streams — open an audio stream for one spoken turn (see [id]/+server.ts and docs/api.md).
// Body (optional JSON): { callId } — the trainee's own call; its company and names then prompt Whisper.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { getCallFor, scenarioOf } from '$lib/server/calls/service';
import { ApiFailure, apiHandler } from '$lib/server/http';
import { takeRateLimit } from '$lib/server/ml/api';
import { speechModels } from '$lib/server/ml/models';
import { audioStreams, STREAM_IDLE_MS } from '$lib/server/ml/streams';
import { MAX_WAV_SECONDS } from '$lib/server/ml/wav';
import { streamOpenSchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	takeRateLimit('speech', user.id);
	const raw = (await event.request.text()).trim();
	let body: unknown = {};
	try {
		if (raw) body = JSON.parse(raw);
	} catch {
		throw new ApiFailure(400, 'malformed_json', 'The request body is not valid JSON.');
	}
	const parsed = streamOpenSchema.safeParse(body);
	if (!parsed.success) throw new ApiFailure(400, 'invalid_body', parsed.error.issues[0].message, parsed.error.issues[0].path.join('.') || undefined);
	let vocabulary: string[] = [];
	if (parsed.data.callId) {
		const s = scenarioOf(getCallFor(user, parsed.data.callId, { ownOnly: true }));
		vocabulary = [s.company, `${s.caller.firstName} ${s.caller.surname}`, user.name.split(/\s+/)[0]];
	}
	const id = audioStreams().open(user.id, vocabulary);
	return json({ id, maxSec: MAX_WAV_SECONDS, idleTimeoutSec: STREAM_IDLE_MS / 1000, prompted: vocabulary.length > 0 && speechModels().config.prompt }, { status: 201 });
});
