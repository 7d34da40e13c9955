// POST /api/calls/:id/recording?t=<ms>&turn=<id> — keep one spoken turn of the trainee's own voice call (a 16 kHz mono
// PCM16 WAV, ≤ 60 s / 2 MB → else 413; another trainee's call → 403; past the per-call minutes → 413).
// GET /api/calls/:id/recording — the whole call's audio as one 8 kHz µ-law WAV, with HTTP Range support, for whoever
// may see the call (the trainee, their cohort's trainers, admins).
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { ownCall } from '$lib/server/calls/api';
import { getCallFor } from '$lib/server/calls/service';
import { ApiFailure, apiHandler } from '$lib/server/http';
import { parseQuery, readWavBody } from '$lib/server/ml/api';
import { parseByteRange, rangeHeaders } from '$lib/server/byte-range';
import { callClockMs, layoutRecording, saveTurnAudio, segmentsOf, wavBytes, wavSize } from '$lib/server/recordings/store';
import { recordingUploadQuerySchema } from '$lib/schemas/recording';
import type { RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';

export const POST = apiHandler(async (event: RequestEvent) => {
	const call = ownCall(event);
	const q = parseQuery(event.url, recordingUploadQuerySchema);
	const wav = await readWavBody(event.request);
	const saved = await saveTurnAudio(call, q.turn, q.t, wav.samples);
	return json(saved, { status: saved.duplicate ? 200 : 201 });
});

export const GET = apiHandler(async (event: RequestEvent) => {
	const user = requireUser(event);
	const call = getCallFor(user, event.params.id ?? '');
	const segments = segmentsOf(call.id);
	if (segments.length === 0) throw new ApiFailure(404, 'no_recording', m.api_no_recording());
	const layout = layoutRecording(segments, callClockMs(call));
	const size = wavSize(layout.samples);
	const range = parseByteRange(event.request.headers.get('range'), size);
	const { status, headers } = rangeHeaders(range, size, 'audio/wav');
	headers['cache-control'] = 'private, no-cache';
	if (status === 416) return new Response(null, { status, headers });
	const { start, end } = range && range !== 'unsatisfiable' ? range : { start: 0, end: size - 1 };
	const chunks = wavBytes(call.id, layout, start, end);
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
	return new Response(body, { status, headers });
});
