// The scorer's section, etiquette-item and verdict codes in the reader's language. The pure scoring engine keeps
// its English labels (stored scores, PDFs and trainer tools use them); pages map the codes here, at the edge.
import type { EtiquetteItem, FieldVerdict, ScoreSection, TipTopic } from '$lib/domain/call/score-sections';
import type { Deduction, FindingNote, Tip } from '$lib/scoring/types';
import { DEFAULT_TIPS } from '$lib/scoring/tips';
import { formatInteger } from '$lib/i18n/format';
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

/** A finding the scorer coded (etiquette checks) in the reader's language; an uncoded one (older calls) as stored. */
export function findingText(finding: { message: string; note?: FindingNote }): string {
	const word = finding.note && (m as unknown as Record<string, ((inputs: Record<string, string>) => string) | undefined>)[`etq_${finding.note.code}`];
	if (!word) return finding.message;
	const params = Object.entries(finding.note?.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? formatInteger(v) : v]);
	return word(Object.fromEntries(params));
}

/** A deduction's reason: an etiquette item's finding after the item's name, anything else as the scorer wrote it. */
export function deductionText(d: Pick<Deduction, 'section' | 'topic' | 'message' | 'note'>): string {
	return d.section === 'etiquette' && d.note ? `${etiquetteLabel(d.topic)}: ${findingText(d)}` : d.message;
}

const TIPS: Record<TipTopic, () => string> = {
	accuracy: m.tip_accuracy,
	completeness: m.tip_completeness,
	consistency: m.tip_consistency,
	etiquette: m.tip_etiquette,
	angerControl: m.tip_anger_control,
	afterCallWork: m.tip_after_call_work,
	greeting: m.tip_greeting,
	identityBeforeDisclosure: m.tip_identity,
	holdPermission: m.tip_hold_permission,
	holdLimit: m.tip_hold_limit,
	deadAir: m.tip_dead_air,
	summary: m.tip_summary,
	furtherHelp: m.tip_further_help,
	politeClose: m.tip_polite_close,
	respectfulAddress: m.tip_respectful_address,
	voicemailMessage: m.tip_voicemail_message,
	wrongNumberApology: m.tip_wrong_number_apology
};

/** A tip in the reader's language when it is the built-in one for its topic; a scenario's own tip as its author wrote it. */
export function tipText(tip: Pick<Tip, 'topic' | 'text'>): string {
	return DEFAULT_TIPS[tip.topic]?.text === tip.text ? (TIPS[tip.topic]?.() ?? tip.text) : tip.text;
}
