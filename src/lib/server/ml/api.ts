// Shared edge of the speech and tone API routes: per-user rate limits, reading a WAV upload, and
// turning speech-service errors into JSON errors with the right status.
import type { z } from 'zod';
import type { AnalyzeQuery } from '$lib/schemas/speech';
import { SlidingWindowLimiter } from '$lib/server/auth/rate-limit';
import { ApiFailure } from '$lib/server/http';
import { PoisonJobError, SpeechJobError, SpeechShareError, SpeechUnavailableError, type VoiceUnavailableReason } from './errors';
import { JobTimeoutError, QueueFullError } from './queue';
import { speechService } from './service';
import { StreamError } from './streams';
import { MAX_WAV_BYTES, parseWav, WavError, type Wav } from './wav';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';

const toneLimiter = new SlidingWindowLimiter(300, 60_000);

const tooMany = (retryAfterSec: number) =>
	new ApiFailure(429, 'rate_limited', m.api_too_many({ seconds: formatInteger(retryAfterSec) }), undefined, { 'retry-after': String(retryAfterSec) });

export function takeRateLimit(kind: 'tone', userId: number): void {
	const v = toneLimiter.take(`${kind}:${userId}`);
	if (!v.allowed) throw tooMany(v.retryAfterSeconds);
}

/**
 * Counts one speech request of the user (streaming sends a chunk about once a second while the trainee speaks).
 * The count lives with the other fair-use limits: in memory, or in Redis when REDIS_URL is set (fair-use.ts).
 */
export async function takeSpeechRateLimit(userId: number): Promise<void> {
	const v = await (await speechService()).share.takeRequest(userId).catch(speechFailure);
	if (!v.allowed) throw tooMany(v.retryAfterSec);
}

const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'application/octet-stream'];

/** Read and validate the WAV body (16 kHz mono PCM16, ≤ 60 s, ≤ 2 MB). */
export async function readWavBody(request: Request): Promise<Wav> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type && !WAV_TYPES.includes(type)) {
		throw new ApiFailure(415, 'not_wav', m.api_not_wav({ type }));
	}
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_WAV_BYTES) throw new ApiFailure(413, 'too_large', m.api_audio_too_large({ mb: formatInteger(MAX_WAV_BYTES / 1024 / 1024) }));
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

const UNAVAILABLE: Record<VoiceUnavailableReason, { code: string; retryAfter?: string }> = {
	loading: { code: 'voice_loading', retryAfter: '5' },
	restarting: { code: 'voice_restarting', retryAfter: '3' },
	unavailable: { code: 'voice_unavailable', retryAfter: '5' },
	disabled: { code: 'voice_disabled' }
};

/** Map the speech service's own errors to API failures; anything else is rethrown (→ 500). */
export function speechFailure(e: unknown): never {
	if (e instanceof SpeechUnavailableError) {
		const { code, retryAfter } = UNAVAILABLE[e.reason];
		throw new ApiFailure(503, code, e.message, undefined, retryAfter ? { 'retry-after': retryAfter } : undefined);
	}
	if (e instanceof QueueFullError) throw new ApiFailure(503, 'busy', e.message, undefined, { 'retry-after': String(e.retryAfterSec) });
	if (e instanceof SpeechShareError) throw new ApiFailure(429, e.code, e.message, undefined, { 'retry-after': String(e.retryAfterSec) });
	if (e instanceof PoisonJobError) throw new ApiFailure(422, 'audio_unprocessable', e.message);
	if (e instanceof SpeechJobError) throw new ApiFailure(500, 'speech_failed', `The speech worker could not process this audio: ${e.message}`);
	if (e instanceof JobTimeoutError) throw new ApiFailure(503, 'timeout', e.message, undefined, { 'retry-after': '5' });
	if (e instanceof StreamError) throw new ApiFailure(e.status, e.code, e.message);
	throw e;
}

