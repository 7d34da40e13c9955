// The life of a practice call: it rings in the queue, is answered, ends, then after-call work completes it.
export const CALL_STATES = ['ringing', 'active', 'acw', 'completed'] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_STATE_LABELS: Record<CallState, string> = {
	ringing: 'Ringing',
	active: 'In progress',
	acw: 'After-call work',
	completed: 'Completed'
};

/** States in which the trainee may still add events to the timeline. */
export function acceptsEvents(state: CallState): boolean {
	return state === 'active';
}
