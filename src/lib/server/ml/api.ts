// Shared edge of the speech and tone API routes: per-user rate limits, reading a WAV upload, and
// turning speech-service errors into JSON errors with the right status.
import type { z } from 'zod';
import type { AnalyzeQuery } from '$lib/schemas/speech';
import { SlidingWindowLimiter } from '$lib/server/auth/rate-limit';
import { ApiFailure } from '$lib/server/http';
import { JobTimeoutError, QueueFullError } from './queue';
import { SpeechUnavailableError } from './speech';
import { StreamError } from './streams';
import { MAX_WAV_BYTES, parseWav, WavError, type Wav } from './wav';

/** Streaming sends a partial transcript about once a second while the trainee speaks. */
const speechLimiter = new SlidingWindowLimiter(150, 60_000);
const toneLimiter = new SlidingWindowLimiter(300, 60_000);

export function takeRateLimit(kind: 'speech' | 'tone', userId: number | string): void {
	const v = (kind === 'speech' ? speechLimiter : toneLimiter).take(String(userId));
	if (!v.allowed) {
		throw new ApiFailure(429, 'rate_limited', `Too many requests; try again in ${v.retryAfterSeconds} s.`, undefined, { 'retry-after': String(v.retryAfterSeconds) });
	}
}

const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'application/octet-stream'];

/** Read and validate the WAV body (16 kHz mono PCM16, ≤ 60 s, ≤ 2 MB). */
export async function readWavBody(request: Request): Promise<Wav> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type && !WAV_TYPES.includes(type)) {
		throw new ApiFailure(415, 'not_wav', `Send the audio as audio/wav (16 kHz mono 16-bit PCM), not ${type}.`);
	}
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_WAV_BYTES) throw new ApiFailure(413, 'too_large', 'Audio is larger than 2 MB.');
	const bytes = new Uint8Array(await request.arrayBuffer());
	try {
		return parseWav(bytes);
	} catch (e) {
		if (e instanceof WavError) throw new ApiFailure(e.status, e.code, e.message);
		throw e;
	}
}

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.map(String).join('.') || undefined;
		throw new ApiFailure(400, 'invalid_query', field ? `${field}: ${issue.message}` : issue.message, field);
	}
	return parsed.data;
}

/** The analysis options an /analyze-style query carries (baseline only when one of its parts was given). */
export function analyzeOptions(q: Omit<AnalyzeQuery, 'pass'>) {
	const baseline = q.baselineRmsDb !== undefined || q.baselineF0Hz !== undefined ? { rmsDb: q.baselineRmsDb, f0Hz: q.baselineF0Hz } : undefined;
	return { baseline, customerSpans: q.customer, knownText: q.transcript };
}

/** Map the speech service's own errors to API failures; anything else is rethrown (→ 500). */
export function speechFailure(e: unknown): never {
	if (e instanceof SpeechUnavailableError) {
		const headers = e.reason === 'loading' ? { 'retry-after': '5' } : undefined;
		throw new ApiFailure(503, e.reason === 'loading' ? 'voice_loading' : 'voice_disabled', e.message, undefined, headers);
	}
	if (e instanceof QueueFullError) throw new ApiFailure(503, 'busy', e.message, undefined, { 'retry-after': String(e.retryAfterSec) });
	if (e instanceof JobTimeoutError) throw new ApiFailure(503, 'timeout', e.message, undefined, { 'retry-after': '5' });
	if (e instanceof StreamError) throw new ApiFailure(e.status, e.code, e.message);
	throw e;
}

