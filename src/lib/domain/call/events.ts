// The single call timeline: every utterance, CRM edit, hold and lookup is one timestamped event.
// `t` is milliseconds since the call started (call_started has t = 0); events are stored in order,
// and a score's evidence cites an event by its index in this array.

import type { AcknowledgementEmail, CrmSection } from '../crm';
import type { Prosody, ToneEstimate } from '../tone';

interface At {
	t: number;
}

export interface CallStartedEvent extends At {
	type: 'call_started';
	scenarioSlug: string;
	scenarioVersion?: number;
}
export interface CustomerUtteranceEvent extends At {
	type: 'customer_utterance';
	text: string;
	/** the engine state that produced the line */
	stateId: string;
}
export interface TraineeUtteranceEvent extends At {
	type: 'trainee_utterance';
	text: string;
	tone?: ToneEstimate;
	prosody?: Prosody;
	/** set by voice capture when the trainee started talking over the customer */
	interrupted?: boolean;
	/**
	 * Set by the server on a spoken line whose `t` it had to move later than the moment its audio started (its
	 * transcription finished after other events; the timeline keeps its times in order): when the audio started,
	 * so the recorded call's player shows and plays the line where the recording has it.
	 */
	spokenAt?: number;
}
/** One field edited (autosaved at keystroke level). */
export interface CrmChangeEvent extends At {
	type: 'crm_change';
	section: CrmSection;
	field: string;
	value: string;
}
/** A section saved with its full content (ticket created, appointment saved, …). */
export interface CrmSaveEvent extends At {
	type: 'crm_save';
	section: CrmSection;
	record: Record<string, string>;
}
/** The trainee opened a customer's profile from the CRM search. */
export interface CustomerOpenedEvent extends At {
	type: 'customer_opened';
	accountId: string;
}
/** The trainee marked the caller's identity as verified in the CRM. */
export interface IdentityVerifiedEvent extends At {
	type: 'identity_verified';
	accountId: string;
}
export interface KbLookupEvent extends At {
	type: 'kb_lookup';
	query: string;
	articleId?: string;
}
export interface HoldStartEvent extends At {
	type: 'hold_start';
}
export interface HoldEndEvent extends At {
	type: 'hold_end';
}
export interface TransferEvent extends At {
	type: 'transfer';
	/** queue or team the call is transferred to */
	to: string;
	reasonCode?: string;
}
export interface CallEndedEvent extends At {
	type: 'call_ended';
	by: 'trainee' | 'customer';
}
/** After-call work finished: notes completed and the acknowledgement e-mail (if any) sent. */
export interface AcwSavedEvent extends At {
	type: 'acw_saved';
	email: AcknowledgementEmail | null;
}

export type TimelineEvent =
	| CallStartedEvent
	| CustomerUtteranceEvent
	| TraineeUtteranceEvent
	| CrmChangeEvent
	| CrmSaveEvent
	| CustomerOpenedEvent
	| IdentityVerifiedEvent
	| KbLookupEvent
	| HoldStartEvent
	| HoldEndEvent
	| TransferEvent
	| CallEndedEvent
	| AcwSavedEvent;

export type TimelineEventType = TimelineEvent['type'];

export const TIMELINE_EVENT_TYPES = [
	'call_started',
	'customer_utterance',
	'trainee_utterance',
	'crm_change',
	'crm_save',
	'customer_opened',
	'identity_verified',
	'kb_lookup',
	'hold_start',
	'hold_end',
	'transfer',
	'call_ended',
	'acw_saved'
] as const satisfies readonly TimelineEventType[];

/**
 * CRM actions a scenario's dialogue can react to. Each is derived from one event kind, so the engine and
 * the scenario author speak the same language.
 */
export const CRM_ACTIONS = [
	'customer_opened',
	'identity_verified',
	'customer_updated',
	'interaction_saved',
	'ticket_created',
	'appointment_saved',
	'kb_lookup',
	'hold',
	'resume',
	'transfer'
] as const;
export type CrmAction = (typeof CRM_ACTIONS)[number];

/** The CRM action an event represents, if any. */
export function crmActionOf(event: TimelineEvent): CrmAction | null {
	switch (event.type) {
		case 'customer_opened':
			return 'customer_opened';
		case 'identity_verified':
			return 'identity_verified';
		case 'kb_lookup':
			return 'kb_lookup';
		case 'hold_start':
			return 'hold';
		case 'hold_end':
			return 'resume';
		case 'transfer':
			return 'transfer';
		case 'crm_save':
			return SAVE_ACTIONS[event.section];
		default:
			return null;
	}
}

const SAVE_ACTIONS: Record<CrmSection, CrmAction> = {
	customer: 'customer_updated',
	interaction: 'interaction_saved',
	ticket: 'ticket_created',
	appointment: 'appointment_saved'
};
