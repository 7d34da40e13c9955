// POST /api/speech/analyze — WAV in; transcript, prosody and tone (words + voice) out.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { analyzeOptions, parseQuery, readWavBody, speechFailure, takeSpeechRateLimit } from '$lib/server/ml/api';
import { analyzeFor } from '$lib/server/ml/service';
import { analyzeQuerySchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	await takeSpeechRateLimit(user.id);
	const q = parseQuery(event.url, analyzeQuerySchema);
	const wav = await readWavBody(event.request);
	const a = await analyzeFor(user.id, { samples: wav.samples }, wav.durationSec, { pass: q.pass, ...analyzeOptions(q) }).catch(speechFailure);
	return json(a);
});
