// Zod schemas of the call timeline events as they arrive from the simulator (the API validates with these).

import { z } from 'zod';
import { CRM_FIELDS, CRM_SECTIONS, type CrmSection } from '../domain/crm';
import type { TimelineEvent } from '../domain/call/events';

/** Longest utterance or field value accepted, in characters. */
export const MAX_EVENT_TEXT = 4000;
/** Longest call a timeline can describe: 4 hours. */
const MAX_T = 4 * 60 * 60 * 1000;

const t = z.number().int().min(0).max(MAX_T);
const shortText = z.string().max(200);
const longText = z.string().max(MAX_EVENT_TEXT);
const share = z.number().min(0).max(1);

export const toneEstimateSchema = z.object({
	anger: share,
	sentiment: z.object({ negative: share, neutral: share, positive: share }),
	politeness: share,
	source: z.enum(['text', 'text+prosody'])
});

const seconds = z.number().min(0).max(3600);
const optionalNumber = z.number().min(-1000).max(1000).nullable();
export const prosodySchema = z.object({
	durationSec: seconds,
	speechSec: seconds,
	rmsDb: z.number().min(-200).max(10),
	loudnessDb: z.number().min(-200).max(200),
	baseline: z.enum(['speaker', 'nominal']),
	f0MeanHz: z.number().min(0).max(2000).nullable(),
	f0RangeSemitones: optionalNumber,
	pitchShiftSemitones: z.number().min(-100).max(100),
	wordsPerMinute: z.number().min(0).max(1000).nullable(),
	pauseCount: z.number().int().min(0).max(100_000),
	longestPauseSec: seconds,
	overtalkSec: seconds
});

/** A field name must be one of its section's CRM fields (`__proto__`, `bogusField` and the like are refused). */
const isCrmField = (section: CrmSection, field: string) => (CRM_FIELDS[section] as readonly string[]).includes(field);

const emailSchema = z.object({ to: shortText, subject: shortText, body: longText });

export const timelineEventSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('call_started'), t, scenarioSlug: shortText, scenarioVersion: z.number().int().min(1).optional() }),
	z.object({ type: z.literal('customer_utterance'), t, text: longText, stateId: shortText }),
	z.object({
		type: z.literal('trainee_utterance'),
		t,
		text: longText.trim().min(1),
		tone: toneEstimateSchema.optional(),
		prosody: prosodySchema.optional(),
		interrupted: z.boolean().optional()
	}),
	z
		.object({ type: z.literal('crm_change'), t, section: z.enum(CRM_SECTIONS), field: z.string().max(40), value: longText })
		.refine((e) => isCrmField(e.section, e.field), { message: 'is not a field of this CRM section', path: ['field'] }),
	z
		.object({
			type: z.literal('crm_save'),
			t,
			section: z.enum(CRM_SECTIONS),
			record: z.record(z.string().max(40), longText).refine((r) => Object.keys(r).length <= 20, 'too many fields')
		})
		.refine((e) => Object.keys(e.record).every((k) => isCrmField(e.section, k)), { message: 'names a field this CRM section does not have', path: ['record'] }),
	z.object({ type: z.literal('customer_opened'), t, accountId: shortText }),
	z.object({ type: z.literal('identity_verified'), t, accountId: shortText }),
	z.object({ type: z.literal('kb_lookup'), t, query: shortText, articleId: shortText.optional() }),
	z.object({ type: z.literal('hold_start'), t }),
	z.object({ type: z.literal('hold_end'), t }),
	z.object({ type: z.literal('transfer'), t, to: shortText, reasonCode: shortText.optional() }),
	z.object({ type: z.literal('call_ended'), t, by: z.enum(['trainee', 'customer']) }),
	z.object({ type: z.literal('acw_saved'), t, email: emailSchema.nullable() })
]) satisfies z.ZodType<TimelineEvent>;
