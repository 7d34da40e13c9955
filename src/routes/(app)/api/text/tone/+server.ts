// POST /api/text/tone — { text } in, the text tone model's estimate out (no audio involved), with its label,
// confidence, input status and the words that drove it; `speaker: 'agent'` reads it as an agent's line.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler, parseJsonBody } from '$lib/server/http';
import { takeRateLimit } from '$lib/server/ml/api';
import { analyseTextTone } from '$lib/server/ml/tone';
import { toneBodySchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	takeRateLimit('tone', user.id);
	const { text, speaker } = await parseJsonBody(event, toneBodySchema);
	return json({ tone: analyseTextTone(text, { explain: true, speaker }) });
});
