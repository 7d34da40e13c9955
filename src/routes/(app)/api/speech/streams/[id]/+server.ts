// POST /api/speech/streams/[id]?seq=N&then=none|transcribe|analyze — append chunk N (a WAV, 16 kHz mono
// PCM16) to the stream, then optionally transcribe everything so far (a running transcript) or analyse it
// (the turn's final answer, which closes the stream). DELETE closes a stream without analysing it.
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { apiHandler } from '$lib/server/http';
import { analyzeOptions, parseQuery, readWavBody, speechFailure, takeSpeechRateLimit } from '$lib/server/ml/api';
import { SpeechShareError } from '$lib/server/ml/errors';
import { QueueFullError } from '$lib/server/ml/queue';
import { analyzeFor, speechService, transcribeFor } from '$lib/server/ml/service';
import { SAMPLE_RATE } from '$lib/server/ml/wav';
import { streamChunkQuerySchema } from '$lib/schemas/speech';

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	await takeSpeechRateLimit(user.id);
	const q = parseQuery(event.url, streamChunkQuerySchema);
	const chunk = await readWavBody(event.request);
	const { streams } = await speechService();
	const id = event.params.id ?? '';
	try {
		const samples = await streams.append(id, user.id, q.seq, chunk.samples);
		const stream = { samples, durationSec: samples / SAMPLE_RATE };
		if (q.then === 'none') return json({ stream });
		const clip = await streams.clip(id, user.id);
		const job = { vocabulary: clip.vocabulary, language: clip.language };
		if (q.then === 'transcribe') {
			try {
				return json({ stream, transcript: await transcribeFor(user.id, clip.audio, clip.durationSec, { ...job, pass: 'partial' }) });
			} catch (e) {
				// the chunk is stored either way; a running transcript can wait for the next one
				if (e instanceof QueueFullError || e instanceof SpeechShareError) return json({ stream, transcript: null, busy: true });
				throw e;
			}
		}
		const analysis = await analyzeFor(user.id, clip.audio, clip.durationSec, { ...job, pass: 'final', ...analyzeOptions(q) });
		await streams.close(id, user.id);
		return json({ stream, analysis });
	} catch (e) {
		return speechFailure(e);
	}
});

export const DELETE = apiHandler(async (event) => {
	const user = requireUser(event);
	try {
		await (await speechService()).streams.close(event.params.id ?? '', user.id);
	} catch (e) {
		return speechFailure(e);
	}
	return new Response(null, { status: 204 });
});
