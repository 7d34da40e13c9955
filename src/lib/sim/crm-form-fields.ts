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

export const CRM_SECTION_LABELS: Record<CrmSection, string> = {
	customer: 'Customer details',
	interaction: 'Interaction log',
	ticket: 'Ticket',
	appointment: 'Appointment'
};

/** The button that saves a section, named for what it does in a real CRM. */
export const CRM_SAVE_LABELS: Record<CrmSection, string> = {
	customer: 'Update customer',
	interaction: 'Save interaction',
	ticket: 'Create ticket',
	appointment: 'Book appointment'
};

const label = (v: string) => v.charAt(0).toUpperCase() + v.slice(1).replace(/-/g, ' ');
export const optionLabel = label;

export const CRM_FORM_FIELDS: { [S in CrmSection]: readonly CrmFieldSpec<S>[] } = {
	customer: [
		{ field: 'accountId', label: 'Account no.', kind: 'text' },
		{ field: 'firstName', label: 'First name', kind: 'text' },
		{ field: 'surname', label: 'Surname', kind: 'text' },
		{ field: 'phone', label: 'Phone', kind: 'tel' },
		{ field: 'email', label: 'E-mail', kind: 'email' },
		{ field: 'address', label: 'Address', kind: 'textarea', wide: true }
	],
	interaction: [
		{ field: 'channel', label: 'Channel', kind: 'select', options: INTERACTION_CHANNELS },
		{ field: 'category', label: 'Category', kind: 'select', options: INTERACTION_CATEGORIES },
		{ field: 'status', label: 'Status', kind: 'select', options: INTERACTION_STATUSES },
		{ field: 'followUpDate', label: 'Follow-up date', kind: 'date' },
		{ field: 'followUpTime', label: 'Callback time', kind: 'time' },
		{ field: 'notes', label: 'Notes', kind: 'textarea', wide: true, placeholder: 'What the customer asked, what you did, what happens next' }
	],
	ticket: [
		{ field: 'subject', label: 'Subject', kind: 'text', wide: true },
		{ field: 'priority', label: 'Priority', kind: 'select', options: TICKET_PRIORITIES },
		{ field: 'team', label: 'Assign to team', kind: 'select', options: TICKET_TEAMS },
		{ field: 'description', label: 'Description', kind: 'textarea', wide: true }
	],
	appointment: [
		{ field: 'meetingDate', label: 'Meeting date', kind: 'date' },
		{ field: 'meetingTime', label: 'Time', kind: 'time' },
		{ field: 'clientTitle', label: 'Client title (position)', kind: 'text', wide: true },
		{ field: 'firstName', label: 'First name', kind: 'text' },
		{ field: 'surname', label: 'Surname', kind: 'text' },
		{ field: 'phone', label: 'Phone', kind: 'tel' },
		{ field: 'email', label: 'E-mail', kind: 'email' },
		{ field: 'subject', label: 'Meeting subject', kind: 'text', wide: true },
		{ field: 'outcome', label: 'Outcome', kind: 'select', options: APPOINTMENT_OUTCOMES }
	]
};

/** Queues a call is usually transferred to (free text: the scenario's company may name its own). */
export const TRANSFER_QUEUE_SUGGESTIONS = ['Sales', 'Billing', 'Technical support', 'Accounts', 'Complaints'] as const;
