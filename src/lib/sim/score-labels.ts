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

/**
 * The wording of each finding code the etiquette checks give (`finding(code, …)` in $lib/scoring/etiquette), one
 * message `etq_<code>` each. Named one by one, not looked up as `m[\`etq_${code}\`]`: a computed lookup on the
 * messages namespace makes the bundler keep every message of the app (both languages, ~400 kB) in each page that
 * shows a result.
 */
const FINDING: Record<string, (inputs: never) => string> = {
	no_greeting: m.etq_no_greeting,
	greeted: m.etq_greeted,
	greeting_no_name: m.etq_greeting_no_name,
	greeting_no_company: m.etq_greeting_no_company,
	greeting_no_company_name: m.etq_greeting_no_company_name,
	no_verification_needed: m.etq_no_verification_needed,
	disclosed_voicemail: m.etq_disclosed_voicemail,
	disclosed_stranger: m.etq_disclosed_stranger,
	disclosed_unverified: m.etq_disclosed_unverified,
	kept_details: m.etq_kept_details,
	changed_before_verifying: m.etq_changed_before_verifying,
	never_verified: m.etq_never_verified,
	verified: m.etq_verified,
	hold_not_asked: m.etq_hold_not_asked,
	hold_not_thanked: m.etq_hold_not_thanked,
	hold_asked_thanked: m.etq_hold_asked_thanked,
	hold_too_long: m.etq_hold_too_long,
	holds_within: m.etq_holds_within,
	no_dead_air: m.etq_no_dead_air,
	dead_air_one: m.etq_dead_air_one,
	dead_air_other: m.etq_dead_air_other,
	summarised: m.etq_summarised,
	no_summary: m.etq_no_summary,
	offered_help: m.etq_offered_help,
	no_further_help: m.etq_no_further_help,
	closed_politely: m.etq_closed_politely,
	bare_goodbye: m.etq_bare_goodbye,
	no_polite_close: m.etq_no_polite_close,
	no_message: m.etq_no_message,
	message_complete: m.etq_message_complete,
	apologised_wrong_number: m.etq_apologised_wrong_number,
	no_wrong_number_apology: m.etq_no_wrong_number_apology,
	informal_address: m.etq_informal_address,
	respectful: m.etq_respectful
};

/** A finding the scorer coded (etiquette checks) in the reader's language; an uncoded one (older calls) as stored. */
export function findingText(finding: { message: string; note?: FindingNote }): string {
	const word = finding.note && Object.hasOwn(FINDING, finding.note.code) ? (FINDING[finding.note.code] as (inputs: Record<string, string>) => string) : undefined;
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
