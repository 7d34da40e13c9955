// POST /api/speech/analyze — WAV in; transcript, prosody and tone (words + voice) out.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { analyzeOptions, parseQuery, readWavBody, speechFailure, takeRateLimit } from '$lib/server/ml/api';
import { analyze } from '$lib/server/ml/speech';
import { analyzeQuerySchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	takeRateLimit('speech', user.id);
	const q = parseQuery(event.url, analyzeQuerySchema);
	const wav = await readWavBody(event.request);
	const a = await analyze(wav, { pass: q.pass, ...analyzeOptions(q) }).catch(speechFailure);
	return json(a);
});
