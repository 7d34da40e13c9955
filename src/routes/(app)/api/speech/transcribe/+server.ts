// POST /api/speech/transcribe — WAV (16 kHz mono PCM16) in, transcript with VAD-timed segments out.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { parseQuery, readWavBody, speechFailure, takeRateLimit } from '$lib/server/ml/api';
import { transcribe } from '$lib/server/ml/speech';
import { transcribeQuerySchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	takeRateLimit('speech', user.id);
	const query = parseQuery(event.url, transcribeQuerySchema);
	const wav = await readWavBody(event.request);
	const t = await transcribe(wav, { pass: query.pass }).catch(speechFailure);
	return json(t);
});
