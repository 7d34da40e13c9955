// How each CRM section is laid out on screen: labels, input kinds and picklists for the fields the
// domain defines (src/lib/domain/crm.ts stays the one source of the field names and picklist values).
import {
	APPOINTMENT_OUTCOMES,
	INTERACTION_CATEGORIES,
	INTERACTION_CHANNELS,
	INTERACTION_STATUSES,
	TICKET_PRIORITIES,
	TICKET_TEAMS,
	type CrmFieldsBySection,
	type CrmSection
} from '$lib/domain/crm';
import { m } from '$lib/paraglide/messages';

export type CrmInputKind = 'text' | 'email' | 'tel' | 'date' | 'time' | 'select' | 'textarea';

export interface CrmFieldSpec<S extends CrmSection = CrmSection> {
	field: keyof CrmFieldsBySection[S] & string;
	label: string;
	kind: CrmInputKind;
	options?: readonly string[];
	/** Suggestions offered while typing a free-text field (a datalist). */
	suggestions?: readonly string[];
	/** Spans the whole row of the form grid. */
	wide?: boolean;
	autocomplete?: string;
	placeholder?: string;
}

// Labels are getters over messages/*.json: reading one gives the current interface language.
export const CRM_SECTION_LABELS: Record<CrmSection, string> = {
	get customer() { return m.crm_section_customer(); },
	get interaction() { return m.crm_section_interaction(); },
	get ticket() { return m.crm_section_ticket(); },
	get appointment() { return m.crm_section_appointment(); }
};

/** The button that saves a section, named for what it does in a real CRM. */
export const CRM_SAVE_LABELS: Record<CrmSection, string> = {
	get customer() { return m.crm_save_customer(); },
	get interaction() { return m.crm_save_interaction(); },
	get ticket() { return m.crm_save_ticket(); },
	get appointment() { return m.crm_save_appointment(); }
};

/** What a picklist value reads as on screen; the stored value stays the domain's (English) one. */
const OPTION_LABELS: Record<string, () => string> = {
	open: m.crm_opt_open, pending: m.crm_opt_pending, escalated: m.crm_opt_escalated, resolved: m.crm_opt_resolved,
	closed: m.crm_opt_closed, wrong_number: m.crm_opt_wrong_number, no_answer: m.crm_opt_no_answer,
	call_back_later: m.crm_opt_call_back_later,
	phone: m.crm_opt_phone, email: m.crm_opt_email, chat: m.crm_opt_chat, social: m.crm_opt_social,
	billing: m.crm_opt_billing, technical: m.crm_opt_technical, appointment: m.crm_opt_appointment,
	account_change: m.crm_opt_account_change, complaint: m.crm_opt_complaint, sales: m.crm_opt_sales, general: m.crm_opt_general,
	low: m.crm_opt_low, normal: m.crm_opt_normal, high: m.crm_opt_high, urgent: m.crm_opt_urgent,
	accounts: m.crm_opt_accounts, billing_adjustments: m.crm_opt_billing_adjustments, complaints: m.crm_opt_complaints,
	customer_relations: m.crm_opt_customer_relations, field_engineers: m.crm_opt_field_engineers, metering: m.crm_opt_metering,
	network_faults: m.crm_opt_network_faults, technical_support: m.crm_opt_technical_support,
	booked: m.crm_opt_booked, rescheduled: m.crm_opt_rescheduled, callback_requested: m.crm_opt_callback_requested,
	declined: m.crm_opt_declined
};
const optionKey = (v: string) => v.toLowerCase().replace(/[^a-z]+/g, '_');
/** A picklist value in the reader's language (a value the list does not know shows as written, capitalised). */
export function optionLabel(v: string): string {
	const label = OPTION_LABELS[optionKey(v)];
	return label ? label() : v.charAt(0).toUpperCase() + v.slice(1).replace(/-/g, ' ');
}

export const CRM_FORM_FIELDS: { [S in CrmSection]: readonly CrmFieldSpec<S>[] } = {
	customer: [
		{ field: 'accountId', get label() { return m.crm_field_account_id(); }, kind: 'text' },
		{ field: 'firstName', get label() { return m.crm_field_first_name(); }, kind: 'text' },
		{ field: 'surname', get label() { return m.crm_field_surname(); }, kind: 'text' },
		{ field: 'phone', get label() { return m.crm_field_phone(); }, kind: 'tel' },
		{ field: 'email', get label() { return m.crm_field_email(); }, kind: 'email' },
		{ field: 'address', get label() { return m.crm_field_address(); }, kind: 'textarea', wide: true }
	],
	interaction: [
		{ field: 'channel', get label() { return m.crm_field_channel(); }, kind: 'select', options: INTERACTION_CHANNELS },
		{ field: 'category', get label() { return m.crm_field_category(); }, kind: 'select', options: INTERACTION_CATEGORIES },
		{ field: 'status', get label() { return m.crm_field_status(); }, kind: 'select', options: INTERACTION_STATUSES },
		{ field: 'followUpDate', get label() { return m.crm_field_follow_up_date(); }, kind: 'date' },
		{ field: 'followUpTime', get label() { return m.crm_field_callback_time(); }, kind: 'time' },
		{ field: 'notes', get label() { return m.crm_field_notes(); }, kind: 'textarea', wide: true, get placeholder() { return m.crm_field_notes_placeholder(); } }
	],
	ticket: [
		{ field: 'subject', get label() { return m.crm_field_subject(); }, kind: 'text', wide: true },
		{ field: 'priority', get label() { return m.crm_field_priority(); }, kind: 'select', options: TICKET_PRIORITIES },
		{ field: 'team', get label() { return m.crm_field_team(); }, kind: 'select', options: TICKET_TEAMS },
		{ field: 'description', get label() { return m.crm_field_description(); }, kind: 'textarea', wide: true }
	],
	appointment: [
		{ field: 'meetingDate', get label() { return m.crm_field_meeting_date(); }, kind: 'date' },
		{ field: 'meetingTime', get label() { return m.crm_field_time(); }, kind: 'time' },
		{ field: 'clientTitle', get label() { return m.crm_field_client_title(); }, kind: 'text', wide: true },
		{ field: 'firstName', get label() { return m.crm_field_first_name(); }, kind: 'text' },
		{ field: 'surname', get label() { return m.crm_field_surname(); }, kind: 'text' },
		{ field: 'phone', get label() { return m.crm_field_phone(); }, kind: 'tel' },
		{ field: 'email', get label() { return m.crm_field_email(); }, kind: 'email' },
		{ field: 'subject', get label() { return m.crm_field_meeting_subject(); }, kind: 'text', wide: true },
		{ field: 'outcome', get label() { return m.crm_field_outcome(); }, kind: 'select', options: APPOINTMENT_OUTCOMES }
	]
};

/** Queues a call is usually transferred to (free text: the scenario's company may name its own). */
export const TRANSFER_QUEUE_SUGGESTIONS = ['Sales', 'Billing', 'Technical support', 'Accounts', 'Complaints'] as const;
