// POST /api/speech/streams — open an audio stream for one spoken turn (see [id]/+server.ts and docs/api.md).
// Body (optional JSON): { callId } — the trainee's own call; its company and names then prompt Whisper.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { getCallFor, scenarioOf } from '$lib/server/calls/service';
import { apiHandler, parseJsonBody } from '$lib/server/http';
import { speechFailure, takeSpeechRateLimit } from '$lib/server/ml/api';
import { speechConfig } from '$lib/server/ml/config';
import { speechService } from '$lib/server/ml/service';
import { STREAM_IDLE_MS } from '$lib/server/ml/streams';
import { MAX_WAV_SECONDS } from '$lib/server/ml/wav';
import { streamOpenSchema } from '$lib/schemas/speech';
import type { ContentLanguage } from '$lib/domain/languages';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	await takeSpeechRateLimit(user.id);
	// the body is optional: a plain POST opens a stream without a call
	const isJson = (event.request.headers.get('content-type') ?? '').includes('json');
	const { callId } = isJson ? await parseJsonBody(event, streamOpenSchema) : {};
	let vocabulary: string[] = [];
	let language: ContentLanguage = 'en';
	if (callId) {
		const s = scenarioOf(getCallFor(user, callId, { ownOnly: true }));
		vocabulary = [s.company, `${s.caller.firstName} ${s.caller.surname}`, user.name.split(/\s+/)[0]];
		// Whisper is told the scenario's language (a Bengali call is transcribed as Bengali)
		language = s.language;
	}
	const id = await (await speechService()).streams.open(user.id, vocabulary, language).catch(speechFailure);
	return json({ id, maxSec: MAX_WAV_SECONDS, idleTimeoutSec: STREAM_IDLE_MS / 1000, prompted: vocabulary.length > 0 && speechConfig().prompt }, { status: 201 });
});
