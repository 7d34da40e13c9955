// Bodies of the simulator's JSON API (docs/api.md), shared by the browser code and the route handlers.
import { z } from 'zod';
import { CRM_SECTIONS } from '$lib/domain/crm';
import type { TimelineEvent } from '$lib/domain/call/events';
import type { CallState } from '$lib/domain/call-lifecycle';

export const MAX_UTTERANCE_CHARS = 2000;
export const MAX_FIELD_CHARS = 5000;
export const MAX_QUERY_CHARS = 200;

const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const unit = z.number().min(0).max(1);

/** A ToneEstimate ($lib/domain/tone) sent by a client that measured it itself. */
export const toneSchema = z.object({
	anger: unit,
	sentiment: z.object({ negative: unit, neutral: unit, positive: unit }),
	politeness: unit,
	source: z.enum(['text', 'text+prosody'])
});

const finite = (min: number, max: number) => z.number().min(min).max(max);
/** A Prosody measurement ($lib/domain/tone) of a spoken utterance. */
export const prosodySchema = z.object({
	durationSec: finite(0, 600),
	speechSec: finite(0, 600),
	rmsDb: finite(-200, 10),
	loudnessDb: finite(-200, 200),
	baseline: z.enum(['speaker', 'nominal']),
	f0MeanHz: finite(0, 5000).nullable(),
	f0RangeSemitones: finite(0, 200).nullable(),
	pitchShiftSemitones: finite(-100, 100),
	wordsPerMinute: finite(0, 2000).nullable(),
	pauseCount: z.number().int().min(0).max(10_000),
	longestPauseSec: finite(0, 600),
	overtalkSec: finite(0, 600)
});

const section = z.enum(CRM_SECTIONS);
const fieldName = z.string().regex(/^[a-zA-Z]{1,40}$/, 'is not a CRM field name');

/** What the browser may put on a call's timeline (the server adds customer lines, start and end). */
export const clientEventSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('trainee_utterance'),
		text: shortText(MAX_UTTERANCE_CHARS).trim().min(1, 'must not be empty'),
		tone: toneSchema.optional(),
		prosody: prosodySchema.optional(),
		interrupted: z.boolean().optional()
	}),
	z.object({ type: z.literal('crm_change'), section, field: fieldName, value: shortText(MAX_FIELD_CHARS) }),
	z.object({
		type: z.literal('crm_save'),
		section,
		record: z.record(fieldName, shortText(MAX_FIELD_CHARS)).refine((r) => Object.keys(r).length <= 20, 'has too many fields')
	}),
	z.object({ type: z.literal('customer_opened'), accountId: shortText(40).min(1) }),
	z.object({ type: z.literal('identity_verified'), accountId: shortText(40).min(1) }),
	z.object({ type: z.literal('kb_lookup'), query: shortText(MAX_QUERY_CHARS), articleId: shortText(80).optional() }),
	z.object({ type: z.literal('hold_start') }),
	z.object({ type: z.literal('hold_end') }),
	z.object({ type: z.literal('transfer'), to: shortText(80).min(1), reasonCode: shortText(40).optional() })
]);
export type ClientEvent = z.infer<typeof clientEventSchema>;
export type ClientEventType = ClientEvent['type'];

export const postEventSchema = z.object({
	/** The browser's id for this event; a retry with the same id is stored once. */
	clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _'),
	/** Milliseconds since the call was answered, by the browser's clock (clamped by the server). */
	t: z.number().int().min(0).max(24 * 3600 * 1000),
	event: clientEventSchema
});
export type PostEventBody = z.infer<typeof postEventSchema>;

export const startCallSchema = z.object({ scenarioSlug: z.string().regex(/^[a-z0-9-]{1,80}$/, 'is not a scenario slug') });

export const acknowledgementEmailSchema = z.object({
	to: z.email('must be an e-mail address').max(254),
	subject: shortText(200).trim().min(1, 'must not be empty'),
	body: shortText(MAX_FIELD_CHARS).trim().min(1, 'must not be empty')
});

export const acwSchema = z.object({
	/** Milliseconds since the call was answered when the trainee finished after-call work. */
	t: z.number().int().min(0).max(24 * 3600 * 1000).optional(),
	/** null when the scenario needs no acknowledgement e-mail and the trainee sends none. */
	email: acknowledgementEmailSchema.nullable()
});

/** A timeline event as stored: its position on the call's timeline plus the event itself. */
export interface StoredEvent {
	seq: number;
	event: TimelineEvent;
}

/** Answer to POST /api/calls/:id/events. */
export interface PostEventResponse {
	/** Where the event landed on the timeline, and its time after clamping. */
	seq: number;
	t: number;
	/** Events the server added in reaction (customer lines, the customer hanging up). */
	added: StoredEvent[];
	/** The caller's anger after the event, 0–1. */
	anger: number;
	state: CallState;
	/** True when this clientId had been stored before (a retried request). */
	duplicate: boolean;
}
