// One line of text per timeline event for the results page and the trainer review.
import type { TimelineEvent } from '$lib/domain/call/events';
import { m } from '$lib/paraglide/messages';
import { CRM_SECTION_LABELS } from './crm-form-fields';
import { fieldLabel, fieldValueText } from './score-labels';

export type TimelineActor = 'customer' | 'trainee' | 'crm' | 'call';

export function describeEvent(event: TimelineEvent): { actor: TimelineActor; text: string } {
	switch (event.type) {
		case 'call_started':
			return { actor: 'call', text: m.timeline_answered() };
		case 'customer_utterance':
			return { actor: 'customer', text: event.text };
		case 'trainee_utterance':
			return { actor: 'trainee', text: event.text };
		case 'crm_change':
			return { actor: 'crm', text: m.timeline_crm_change({ section: CRM_SECTION_LABELS[event.section], field: fieldLabel(event.field), value: fieldValueText(event.section, event.field, event.value) }) };
		case 'crm_save':
			return { actor: 'crm', text: m.timeline_crm_save({ section: CRM_SECTION_LABELS[event.section] }) };
		case 'customer_opened':
			return { actor: 'crm', text: m.timeline_opened({ account: event.accountId }) };
		case 'identity_verified':
			return { actor: 'crm', text: m.timeline_verified({ account: event.accountId }) };
		case 'kb_lookup':
			return { actor: 'crm', text: event.articleId ? m.timeline_kb_article({ query: event.query, article: event.articleId }) : m.timeline_kb({ query: event.query }) };
		case 'hold_start':
			return { actor: 'call', text: m.call_note_hold_start() };
		case 'hold_end':
			return { actor: 'call', text: m.call_note_hold_end() };
		case 'transfer':
			return { actor: 'call', text: event.reasonCode ? m.timeline_transfer_reason({ to: event.to, reason: event.reasonCode }) : m.timeline_transfer({ to: event.to }) };
		case 'call_ended':
			return { actor: 'call', text: event.by === 'customer' ? m.call_note_customer_hung_up() : m.timeline_you_ended() };
		case 'acw_saved':
			return { actor: 'crm', text: event.email ? m.timeline_email_sent({ to: event.email.to, subject: event.email.subject }) : m.timeline_no_email() };
	}
}
