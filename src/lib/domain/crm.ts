// The mock CRM's vocabulary: picklists and the shape of a customer record. One source of truth for the
// simulator's forms, the scenario ground truth and the scorer.

export const INTERACTION_STATUSES = [
	'Open',
	'Pending',
	'Escalated',
	'Resolved',
	'Closed',
	'Wrong number',
	'No answer',
	'Call back later'
] as const;
export type InteractionStatus = (typeof INTERACTION_STATUSES)[number];

/**
 * Call outcomes that need no detailed report: choosing the status is the report (a wrong number, nobody answered,
 * the customer asked to be called back). Notes are optional for them; "Call back later" needs a callback task.
 */
export const NO_REPORT_STATUSES = ['Wrong number', 'No answer', 'Call back later'] as const satisfies readonly InteractionStatus[];

export function needsNoReport(status: string): boolean {
	return (NO_REPORT_STATUSES as readonly string[]).includes(status);
}

export const INTERACTION_CHANNELS = ['phone', 'email', 'chat', 'social'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export const INTERACTION_CATEGORIES = [
	'billing',
	'technical',
	'appointment',
	'account-change',
	'complaint',
	'sales',
	'general'
] as const;
export type InteractionCategory = (typeof INTERACTION_CATEGORIES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Teams a ticket can be assigned to: a picklist, so the record never depends on how a team name is spelt. */
export const TICKET_TEAMS = [
	'Accounts',
	'Billing adjustments',
	'Complaints',
	'Customer relations',
	'Field engineers',
	'Metering',
	'Network faults',
	'Sales',
	'Technical support'
] as const;
export type TicketTeam = (typeof TICKET_TEAMS)[number];

export const APPOINTMENT_OUTCOMES = ['Booked', 'Rescheduled', 'Callback requested', 'Declined'] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];

/** The editable sections of the mock CRM screen, in screen order. */
export const CRM_SECTIONS = ['customer', 'interaction', 'ticket', 'appointment'] as const;
export type CrmSection = (typeof CRM_SECTIONS)[number];

export interface CustomerFields {
	accountId: string;
	firstName: string;
	surname: string;
	phone: string;
	email: string;
	address: string;
}

export interface InteractionFields {
	channel: string;
	category: string;
	status: string;
	notes: string;
	/** ISO date YYYY-MM-DD */
	followUpDate: string;
	/** 24h HH:MM: with the date, a callback task (when to call the customer again) */
	followUpTime: string;
}

export interface TicketFields {
	subject: string;
	priority: string;
	description: string;
	/** team the ticket is assigned or escalated to */
	team: string;
}

/** The minimum data set of an appointment for a subject-matter expert. */
export interface AppointmentFields {
	/** ISO date YYYY-MM-DD */
	meetingDate: string;
	/** 24h HH:MM */
	meetingTime: string;
	/** the client's title, i.e. position ("Practice Manager") */
	clientTitle: string;
	firstName: string;
	surname: string;
	phone: string;
	email: string;
	subject: string;
	outcome: string;
}

export interface CrmFieldsBySection {
	customer: CustomerFields;
	interaction: InteractionFields;
	ticket: TicketFields;
	appointment: AppointmentFields;
}

export const CRM_FIELDS: { [S in CrmSection]: readonly (keyof CrmFieldsBySection[S])[] } = {
	customer: ['accountId', 'firstName', 'surname', 'phone', 'email', 'address'],
	interaction: ['channel', 'category', 'status', 'notes', 'followUpDate', 'followUpTime'],
	ticket: ['subject', 'priority', 'description', 'team'],
	appointment: [
		'meetingDate',
		'meetingTime',
		'clientTitle',
		'firstName',
		'surname',
		'phone',
		'email',
		'subject',
		'outcome'
	]
};

/** What the trainee has entered so far; every value is the raw text of a form field. */
export type CrmRecord = { [S in CrmSection]: Partial<CrmFieldsBySection[S]> };

export function emptyCrmRecord(): CrmRecord {
	return { customer: {}, interaction: {}, ticket: {}, appointment: {} };
}

/** The acknowledgement e-mail sent from a template during after-call work. */
export interface AcknowledgementEmail {
	to: string;
	subject: string;
	body: string;
}
