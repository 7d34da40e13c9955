// POST /api/speech/transcribe — WAV (16 kHz mono PCM16) in, transcript with VAD-timed segments out.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { parseQuery, readWavBody, speechFailure, takeSpeechRateLimit } from '$lib/server/ml/api';
import { transcribeFor } from '$lib/server/ml/service';
import { transcribeQuerySchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	await takeSpeechRateLimit(user.id);
	const query = parseQuery(event.url, transcribeQuerySchema);
	const wav = await readWavBody(event.request);
	const t = await transcribeFor(user.id, { samples: wav.samples }, wav.durationSec, { pass: query.pass }).catch(speechFailure);
	return json(t);
});
