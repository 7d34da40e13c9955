// Browser calls to the speech API (docs/api.md "Speech and tone"), with typed answers and errors.
import type { Prosody, ToneEstimate } from '$lib/domain/tone';
import { encodeWav } from '$lib/audio/wav-encode';

export interface SpeechStatus {
	voice: 'loading' | 'ready' | 'disabled';
	progress: number;
	models: { id: string; state: string; progress: number; message?: string }[];
}

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
		throw new SpeechApiError(0, 'network', 'The server could not be reached.');
	}
	const body = await res.json().catch(() => null);
	if (!res.ok) throw new SpeechApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? `Request failed (${res.status}).`);
	return body as T;
}

export const fetchSpeechStatus = () => call<SpeechStatus>('/api/speech/status');

const wavInit = (samples: Float32Array): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'audio/wav' },
	body: encodeWav(samples) as BodyInit
});

export const transcribePartial = (samples: Float32Array) => call<TranscriptAnswer>('/api/speech/transcribe?pass=partial', wavInit(samples));

export interface AnalyzeParams {
	baselineRmsDb?: number;
	baselineF0Hz?: number;
	/** Customer line spans in seconds from the clip start. */
	customer?: { start: number; end: number }[];
	/** A running transcript that covered all the speech: the server skips Whisper. */
	transcript?: string;
}

export function analyzeFinal(samples: Float32Array, p: AnalyzeParams): Promise<AnalysisAnswer> {
	const q = new URLSearchParams({ pass: 'final' });
	if (p.baselineRmsDb !== undefined) q.set('baselineRmsDb', p.baselineRmsDb.toFixed(2));
	if (p.baselineF0Hz !== undefined) q.set('baselineF0Hz', p.baselineF0Hz.toFixed(1));
	if (p.transcript) q.set('transcript', p.transcript);
	if (p.customer?.length) q.set('customer', p.customer.map((s) => `${s.start.toFixed(2)}-${s.end.toFixed(2)}`).join(','));
	return call<AnalysisAnswer>(`/api/speech/analyze?${q}`, wavInit(samples));
}
