// The scorer's section, etiquette-item and verdict codes in the reader's language. The pure scoring engine keeps
// its English labels (stored scores, PDFs and trainer tools use them); pages map the codes here, at the edge.
import type { EtiquetteItem, FieldVerdict, ScoreSection } from '$lib/domain/call/score-sections';
import { m } from '$lib/paraglide/messages';

const SECTION: Record<ScoreSection, () => string> = {
	accuracy: m.score_section_accuracy,
	completeness: m.score_section_completeness,
	consistency: m.score_section_consistency,
	etiquette: m.score_section_etiquette,
	angerControl: m.score_section_anger_control,
	afterCallWork: m.score_section_after_call_work
};

const ETIQUETTE: Record<EtiquetteItem, () => string> = {
	greeting: m.etiquette_greeting,
	identityBeforeDisclosure: m.etiquette_identity_before_disclosure,
	holdPermission: m.etiquette_hold_permission,
	holdLimit: m.etiquette_hold_limit,
	deadAir: m.etiquette_dead_air,
	summary: m.etiquette_summary,
	furtherHelp: m.etiquette_further_help,
	politeClose: m.etiquette_polite_close,
	respectfulAddress: m.etiquette_respectful_address,
	voicemailMessage: m.etiquette_voicemail_message,
	wrongNumberApology: m.etiquette_wrong_number_apology
};

const VERDICT: Record<FieldVerdict, () => string> = {
	correct: m.result_verdict_correct,
	partial: m.result_verdict_partial,
	wrong: m.result_verdict_wrong,
	missing: m.result_verdict_missing
};

/** A score section's name; an unknown code (an old override) shows as stored. */
export const sectionLabel = (section: string): string => SECTION[section as ScoreSection]?.() ?? section;
export const etiquetteLabel = (item: string): string => ETIQUETTE[item as EtiquetteItem]?.() ?? item;
export const verdictLabel = (verdict: string): string => VERDICT[verdict as FieldVerdict]?.() ?? verdict;

const FIELD: Record<string, () => string> = {
	accountId: m.field_account_id,
	firstName: m.field_first_name,
	surname: m.field_surname,
	phone: m.field_phone,
	email: m.field_email,
	address: m.field_address,
	channel: m.field_channel,
	category: m.field_category,
	status: m.field_status,
	notes: m.field_notes,
	followUpDate: m.field_follow_up_date,
	followUpTime: m.field_follow_up_time,
	subject: m.field_subject,
	priority: m.field_priority,
	description: m.field_description,
	team: m.field_team,
	meetingDate: m.field_meeting_date,
	meetingTime: m.field_meeting_time,
	clientTitle: m.field_client_title,
	outcome: m.field_outcome,
	to: m.field_to,
	body: m.field_body
};

/** A scored record field's name (the scorer's `label` when the field is not one the CRM form knows). */
export const fieldLabel = (field: string, fallback = field): string => FIELD[field]?.() ?? fallback;

const RECORD_SECTION: Record<string, () => string> = {
	customer: m.record_section_customer,
	interaction: m.crm_section_interaction,
	ticket: m.crm_section_ticket,
	appointment: m.crm_section_appointment,
	acknowledgement: m.crm_section_acknowledgement
};

/** A record section (customer, interaction, …, acknowledgement e-mail) by name. */
export const recordSectionLabel = (section: string): string => RECORD_SECTION[section]?.() ?? section;

const RECORD_SECTION_SHORT: Record<string, () => string> = {
	customer: m.result_rec_customer,
	interaction: m.result_rec_interaction,
	ticket: m.result_rec_ticket,
	appointment: m.result_rec_appointment,
	acknowledgement: m.result_rec_acknowledgement
};

/** The small section tag above a field's name in the results table ("customer" / "গ্রাহক"). */
export const recordSectionTag = (section: string): string => RECORD_SECTION_SHORT[section]?.() ?? section;
