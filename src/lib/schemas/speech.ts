// Zod schemas of the speech and tone API (query strings and JSON bodies), shared by routes and client.
import { m } from '../paraglide/messages';
import { formatDigits } from '../i18n/format';
import { z } from 'zod';
import { decimalText, integerText } from './number';

/** "0.5-2.25,3-4.1": spans in seconds relative to the clip start. */
const spanList = z
	.string()
	.max(2000)
	.regex(/^(\d+(\.\d+)?-\d+(\.\d+)?)(,\d+(\.\d+)?-\d+(\.\d+)?)*$/, 'use "start-end,start-end" in seconds')
	.transform((s) => s.split(',').map((p) => p.split('-').map(Number)).map(([start, end]) => ({ start, end })))
	.refine((spans) => spans.every((s) => s.end >= s.start && s.end <= 3600), 'each span needs start ≤ end ≤ 3600');

export const transcribeQuerySchema = z.object({
	pass: z.enum(['partial', 'final']).default('final')
});

export const analyzeQuerySchema = transcribeQuerySchema.extend({
	/** The trainee's usual level in this call (dBFS), from earlier utterances. */
	baselineRmsDb: decimalText('must be a decimal number').pipe(z.number().min(-90).max(0)).optional(),
	/** The trainee's usual pitch in this call (Hz). */
	baselineF0Hz: decimalText('must be a decimal number').pipe(z.number().min(50).max(600)).optional(),
	/** When the customer's line was playing during this clip. */
	customer: spanList.optional(),
	/** A running transcript that already covers all speech in the clip: Whisper is skipped. */
	transcript: z.string().max(2000).optional()
});

/** POST /api/speech/streams: optionally the call the turn belongs to (its names prompt Whisper). */
export const streamOpenSchema = z.strictObject({
	callId: z.string().max(64).optional()
});

/** POST /api/speech/streams/[id]: chunk number, then what to do with all the audio received so far. */
export const streamChunkQuerySchema = analyzeQuerySchema.omit({ pass: true }).extend({
	seq: integerText('must be a whole number').pipe(z.number().int().min(0).max(100_000)),
	/** transcribe: a running transcript (refused with busy:true when Whisper has a queue); analyze: the final answer, which closes the stream. */
	then: z.enum(['none', 'transcribe', 'analyze']).default('none')
});

export const MAX_TONE_TEXT = 2000;
export const toneBodySchema = z.strictObject({
	text: z.string().max(MAX_TONE_TEXT, { error: () => m.tone_text_too_long({ max: formatDigits(MAX_TONE_TEXT) }) }),
	/** 'agent': an agent's line (what a trainee says), read by the model's agent anger head; 'any' (default): any text. */
	speaker: z.enum(['agent', 'any']).default('any')
});

export type AnalyzeQuery = z.infer<typeof analyzeQuerySchema>;
