// Bodies of the simulator's JSON API (docs/api.md), shared by the browser code and the route handlers.
// Timeline events themselves are validated with the call domain's own schema ($lib/schemas/call-event).
import { m } from '../paraglide/messages';
import { z } from 'zod';
import { timelineEventSchema } from '$lib/schemas/call-event';
import type { TimelineEvent, TimelineEventType } from '$lib/domain/call/events';
import { CALL_MODES, type CallState } from '$lib/domain/call-lifecycle';
import type { Coaching } from '$lib/scoring/coaching';
import { unfilledMessage } from '$lib/domain/email-template';

/** Event types the browser may put on a timeline; the server adds call start/end, customer lines and ACW. */
export const CLIENT_EVENT_TYPES = [
	'trainee_utterance',
	'crm_change',
	'crm_save',
	'customer_opened',
	'identity_verified',
	'kb_lookup',
	'hold_start',
	'hold_end',
	'transfer'
] as const satisfies readonly TimelineEventType[];
export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];
export type ClientEvent = Extract<TimelineEvent, { type: ClientEventType }>;
/** A client event before the browser stamps its time. */
export type UntimedClientEvent = ClientEvent extends infer E ? (E extends ClientEvent ? Omit<E, 't'> : never) : never;

const clientTypes: readonly string[] = CLIENT_EVENT_TYPES;

export const postEventSchema = z.strictObject({
	/** The browser's id for this event; a retry with the same id is stored once. */
	clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _'),
	/** `event.t` is ms since the call was answered by the browser's clock; the server clamps it. */
	event: timelineEventSchema.refine((e) => clientTypes.includes(e.type), {
		message: 'cannot be sent by the browser (the server adds it)',
		path: ['type']
	})
});
export type PostEventBody = z.infer<typeof postEventSchema>;

export const startCallSchema = z.strictObject({
	scenarioSlug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a scenario slug').max(80),
	/** practice: live coaching, never counted for certification; assessment (the default): no coaching, counted */
	mode: z.enum(CALL_MODES, { message: 'must be practice or assessment' }).default('assessment')
});

export const acknowledgementEmailSchema = z
	.strictObject({
		to: z.email({ error: () => m.api_email_invalid() }).max(254),
		subject: z.string().trim().min(1, { error: () => m.api_not_empty() }).max(200),
		body: z.string().trim().min(1, { error: () => m.api_not_empty() }).max(4000)
	})
	.superRefine((email, ctx) => {
		// A customer never gets "[ticket.subject]" or "[Write here: …]": the same check as the form's.
		const message = unfilledMessage(`${email.subject}\n${email.body}`);
		if (message) ctx.addIssue({ code: 'custom', message });
	});

export const acwSchema = z.strictObject({
	/** null when the trainee sends no acknowledgement e-mail. */
	email: acknowledgementEmailSchema.nullable()
});

/** A timeline event as stored: its position on the call's timeline, the event, and the caller's anger after it. */
export interface StoredEvent {
	seq: number;
	event: TimelineEvent;
	anger: number;
}

/** Answer to POST /api/calls/:id/events (and /answer, /silence). */
export interface PostEventResponse {
	/** The event as stored: its place on the timeline, its time after clamping, the caller's anger after it. */
	event: StoredEvent;
	/** Events the server added in reaction (customer lines, the customer hanging up). */
	added: StoredEvent[];
	/** The caller's anger after everything above, 0–1. */
	anger: number;
	state: CallState;
	/** True when this clientId had been stored before (a retried request). */
	duplicate: boolean;
	/** Practice calls: the live coaching after this event (absent on assessment calls and on retried requests). */
	coaching?: Coaching;
}
