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
import { MAX_WAV_BYTES, MAX_WAV_SECONDS, parseWav, WavError, type Wav } from './wav';
import { m } from '$lib/paraglide/messages';
import { formatInteger, formatNumber } from '$lib/i18n/format';

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

// The speech service's errors carry codes and numbers; their English messages (made where the error arises, often
// in a worker or Redis script, outside any request) are for logs. What the API answers is worded here, in the
// request's language. The operator's detail (which model failed, where Redis is) stays on /admin/speech.
const UNAVAILABLE: Record<VoiceUnavailableReason, { code: string; retryAfter?: string; message: () => string }> = {
	loading: { code: 'voice_loading', retryAfter: '5', message: () => m.srv_voice_loading() },
	restarting: { code: 'voice_restarting', retryAfter: '3', message: () => m.srv_voice_restarting() },
	unavailable: { code: 'voice_unavailable', retryAfter: '5', message: () => m.srv_voice_unavailable() },
	disabled: { code: 'voice_disabled', message: () => m.srv_voice_disabled() }
};

const seconds = (s: number) => formatNumber(s, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const STREAM_WORDING: Record<StreamError['code'], (e: StreamError) => string> = {
	stream_not_found: () => m.srv_stream_not_found(),
	out_of_order: (e) => m.srv_stream_out_of_order({ seq: formatInteger(e.detail.seq ?? 0), next: formatInteger(e.expectedSeq ?? 0) }),
	too_long: (e) => m.srv_stream_too_long({ seconds: seconds(e.detail.seconds ?? 0), limit: formatInteger(MAX_WAV_SECONDS) })
};

/** Map the speech service's own errors to API failures; anything else is rethrown (→ 500). */
export function speechFailure(e: unknown): never {
	if (e instanceof SpeechUnavailableError) {
		const { code, retryAfter, message } = UNAVAILABLE[e.reason];
		throw new ApiFailure(503, code, message(), undefined, retryAfter ? { 'retry-after': retryAfter } : undefined);
	}
	if (e instanceof QueueFullError) throw new ApiFailure(503, 'busy', m.srv_speech_busy(), undefined, { 'retry-after': String(e.retryAfterSec) });
	if (e instanceof SpeechShareError) {
		const message =
			e.code === 'speech_concurrency'
				? m.srv_speech_concurrency({ jobs: formatInteger(e.limit) })
				: m.srv_speech_budget({ seconds: formatInteger(e.limit), retry: formatInteger(e.retryAfterSec) });
		throw new ApiFailure(429, e.code, message, undefined, { 'retry-after': String(e.retryAfterSec) });
	}
	if (e instanceof PoisonJobError) throw new ApiFailure(422, 'audio_unprocessable', m.srv_speech_poison());
	// The worker's reason is technical and English either way.
	if (e instanceof SpeechJobError) throw new ApiFailure(500, 'speech_failed', m.srv_speech_failed({ detail: e.message }));
	if (e instanceof JobTimeoutError) {
		throw new ApiFailure(503, 'timeout', m.srv_speech_timeout({ seconds: formatInteger(Math.round(e.timeoutMs / 1000)) }), undefined, { 'retry-after': '5' });
	}
	if (e instanceof StreamError) throw new ApiFailure(e.status, e.code, STREAM_WORDING[e.code](e));
	throw e;
}

