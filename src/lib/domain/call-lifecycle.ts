// The life of a practice call: it rings in the queue, is answered, ends, then after-call work completes it.
import type { TimelineEventType } from './call/events';
import { m } from '../paraglide/messages';

export const CALL_STATES = ['ringing', 'active', 'acw', 'completed'] as const;
export type CallState = (typeof CALL_STATES)[number];

/**
 * Practice calls show live coaching beside the softphone and never count towards certification; assessment calls
 * show no coaching and are the only calls certification counts (docs/certification.md).
 */
export const CALL_MODES = ['practice', 'assessment'] as const;
export type CallMode = (typeof CALL_MODES)[number];

export const CALL_MODE_LABELS: Record<CallMode, string> = {
	practice: 'Practice',
	assessment: 'Assessment'
};

/** Whether a call in this mode counts as evidence towards certification. */
export function countsForCertification(mode: CallMode): boolean {
	return mode === 'assessment';
}

/** Getters over messages/*.json: reading one gives the current interface language. */
export const CALL_STATE_LABELS: Record<CallState, string> = {
	get ringing() {
		return m.call_state_ringing();
	},
	get active() {
		return m.call_state_active();
	},
	get acw() {
		return m.call_state_acw();
	},
	get completed() {
		return m.call_state_completed();
	}
};

/** What the trainee may still do in the CRM once the caller is gone: finish the record, look things up. */
export const AFTER_CALL_EVENT_TYPES: readonly TimelineEventType[] = ['crm_change', 'crm_save', 'customer_opened', 'kb_lookup'];

/** Whether an event of this type may be added to a call in this state. */
export function acceptsEvent(state: CallState, type: TimelineEventType): boolean {
	if (state === 'active') return true;
	return state === 'acw' && AFTER_CALL_EVENT_TYPES.includes(type);
}
