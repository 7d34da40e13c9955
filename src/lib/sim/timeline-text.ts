// One line of text per timeline event for the results page and the trainer review.
import type { TimelineEvent } from '$lib/domain/call/events';
import { CRM_SECTION_LABELS } from './crm-form-fields';

export type TimelineActor = 'customer' | 'trainee' | 'crm' | 'call';

export function describeEvent(event: TimelineEvent): { actor: TimelineActor; text: string } {
	switch (event.type) {
		case 'call_started':
			return { actor: 'call', text: 'Call answered' };
		case 'customer_utterance':
			return { actor: 'customer', text: event.text };
		case 'trainee_utterance':
			return { actor: 'trainee', text: event.text };
		case 'crm_change':
			return { actor: 'crm', text: `${CRM_SECTION_LABELS[event.section]} · ${event.field} = “${event.value}”` };
		case 'crm_save':
			return { actor: 'crm', text: `${CRM_SECTION_LABELS[event.section]} saved` };
		case 'customer_opened':
			return { actor: 'crm', text: `Opened customer ${event.accountId}` };
		case 'identity_verified':
			return { actor: 'crm', text: `Identity verified (${event.accountId})` };
		case 'kb_lookup':
			return { actor: 'crm', text: `Knowledge base: “${event.query}”${event.articleId ? ` → ${event.articleId}` : ''}` };
		case 'hold_start':
			return { actor: 'call', text: 'Caller put on hold' };
		case 'hold_end':
			return { actor: 'call', text: 'Call resumed' };
		case 'transfer':
			return { actor: 'call', text: `Transferred to ${event.to}${event.reasonCode ? ` (${event.reasonCode})` : ''}` };
		case 'call_ended':
			return { actor: 'call', text: event.by === 'customer' ? 'The customer hung up' : 'You ended the call' };
		case 'acw_saved':
			return { actor: 'crm', text: event.email ? `Acknowledgement e-mail sent to ${event.email.to}: “${event.email.subject}”` : 'After-call work finished without an e-mail' };
	}
}
