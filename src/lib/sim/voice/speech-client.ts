// Browser calls to the speech API (docs/api.md "Speech and tone"), with typed answers and errors.
import type { Prosody, ToneEstimate } from '$lib/domain/tone';
import { encodeWav } from '$lib/audio/wav-encode';
import { m } from '$lib/paraglide/messages';

export interface SpeechStatus {
	/** restarting: the speech worker is being restarted; unavailable: no worker or queue (both pass by themselves). */
	voice: 'loading' | 'ready' | 'restarting' | 'unavailable' | 'disabled';
	/** Why voice is not ready. */
	message?: string;
	progress: number;
	models: { id: string; state: string; progress: number; message?: string }[];
}

/** Voice states that end by themselves: the page keeps asking. */
export const VOICE_COMING = new Set<SpeechStatus['voice']>(['loading', 'restarting', 'unavailable']);

export interface TranscriptAnswer {
	text: string;
	speech: boolean;
	durationSec: number;
	timings: { totalMs: number };
}

export interface AnalysisAnswer {
	transcript: TranscriptAnswer;
	prosody: Prosody;
	tone: ToneEstimate;
}

export class SpeechApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
	let res: Response;
	try {
		res = await fetch(url, init);
	} catch {
		throw new SpeechApiError(0, 'network', m.speech_unreachable());
	}
	const body = await res.json().catch(() => null);
	if (!res.ok) throw new SpeechApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? m.speech_request_failed({ status: String(res.status) }));
	return body as T;
}

export const fetchSpeechStatus = () => call<SpeechStatus>('/api/speech/status');

const wavInit = (samples: Float32Array): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'audio/wav' },
	body: encodeWav(samples) as BodyInit
});

export interface AnalyzeParams {
	baselineRmsDb?: number;
	baselineF0Hz?: number;
	/** Customer line spans in seconds from the clip start. */
	customer?: { start: number; end: number }[];
	/** A running transcript that covered all the speech: the server skips Whisper. */
	transcript?: string;
}

function analyzeQuery(p: AnalyzeParams): URLSearchParams {
	const q = new URLSearchParams();
	if (p.baselineRmsDb !== undefined) q.set('baselineRmsDb', p.baselineRmsDb.toFixed(2));
	if (p.baselineF0Hz !== undefined) q.set('baselineF0Hz', p.baselineF0Hz.toFixed(1));
	if (p.transcript) q.set('transcript', p.transcript);
	if (p.customer?.length) q.set('customer', p.customer.map((s) => `${s.start.toFixed(2)}-${s.end.toFixed(2)}`).join(','));
	return q;
}

/** The whole clip in one request (used when a turn's audio stream was lost). */
export function analyzeFinal(samples: Float32Array, p: AnalyzeParams): Promise<AnalysisAnswer> {
	const q = analyzeQuery(p);
	q.set('pass', 'final');
	return call<AnalysisAnswer>(`/api/speech/analyze?${q}`, wavInit(samples));
}

interface ChunkAnswer {
	stream: { samples: number; durationSec: number };
	transcript?: TranscriptAnswer | null;
	busy?: boolean;
	analysis?: AnalysisAnswer;
}

/** Errors after which the turn's audio is sent again whole: the stream is gone or out of step. */
const STREAM_LOST = new Set(['stream_not_found', 'out_of_order', 'network', 'stream_broken']);

/**
 * One spoken turn's audio, sent to the server in numbered chunks as it is recorded (POST /api/speech/streams):
 * each request carries only the audio recorded since the last one. Requests go one after another. If one fails,
 * the stream is abandoned and the final answer sends the whole clip instead, so a lost chunk never loses words.
 */
export class TurnStream {
	/** Opened with the first request, so a turn that never sends (a cough in hands-free mode) costs nothing. */
	private id: Promise<string | null> | null = null;
	private seq = 0;
	private sent = 0;
	private chain: Promise<unknown> = Promise.resolve();
	private broken = false;
	private closed = false;

	/** `callId`: the trainee's call this turn belongs to (the server then prompts Whisper with its names). */
	constructor(private readonly callId?: string) {}

	private open(): Promise<string | null> {
		const body = this.callId ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callId: this.callId }) } : {};
		this.id ??= call<{ id: string }>('/api/speech/streams', { method: 'POST', ...body })
			.then((r) => r.id)
			.catch(() => ((this.broken = true), null));
		return this.id;
	}

	/** Sends the audio not sent yet and returns a running transcript of all of it (null when Whisper is busy). */
	async transcribe(all: Float32Array): Promise<TranscriptAnswer | null> {
		return (await this.send(all, 'transcribe')).transcript ?? null;
	}

	/** Sends the rest of the audio and returns the turn's final analysis; the stream is closed after it. */
	async analyze(all: Float32Array, p: AnalyzeParams): Promise<AnalysisAnswer> {
		try {
			const a = await this.send(all, 'analyze', p);
			this.closed = true;
			if (a.analysis) return a.analysis;
		} catch (e) {
			this.close();
			if (!(e instanceof SpeechApiError) || !STREAM_LOST.has(e.code)) throw e;
		}
		this.close();
		return analyzeFinal(all, p);
	}

	/** Drops the stream on the server (a cancelled turn). */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		void this.chain.then(async () => {
			const id = this.id && (await this.id);
			if (id) await fetch(`/api/speech/streams/${id}`, { method: 'DELETE' }).catch(() => {});
		});
	}

	private send(all: Float32Array, then: 'transcribe' | 'analyze', p: AnalyzeParams = {}): Promise<ChunkAnswer> {
		const run = async () => {
			const id = await this.open();
			if (this.broken || !id) throw new SpeechApiError(0, 'stream_broken', m.speech_stream_lost());
			const q = then === 'analyze' ? analyzeQuery(p) : new URLSearchParams();
			q.set('seq', String(this.seq));
			q.set('then', then);
			const end = all.length;
			try {
				const answer = await call<ChunkAnswer>(`/api/speech/streams/${id}?${q}`, wavInit(all.subarray(this.sent, end)));
				this.seq++;
				this.sent = end;
				return answer;
			} catch (e) {
				// the server may or may not have kept that chunk: the stream cannot be trusted any more
				this.broken = true;
				throw e;
			}
		};
		const next = this.chain.then(run, run);
		this.chain = next.catch(() => {});
		return next;
	}
}
