// The scorer's section, etiquette-item and verdict codes in the reader's language. The pure scoring engine keeps
// its English labels (stored scores, PDFs and trainer tools use them); pages map the codes here, at the edge.
import type { EtiquetteItem, FieldVerdict, ScoreSection, TipTopic } from '$lib/domain/call/score-sections';
import type { AngerCauseKind } from '$lib/domain/call/anger';
import type { Deduction, FieldResult, FindingNote, Tip } from '$lib/scoring/types';
import { DEFAULT_TIPS } from '$lib/scoring/tips';
import { formatDigits, formatInteger } from '$lib/i18n/format';
import { CRM_FORM_FIELDS, optionLabel, type CrmFieldSpec } from './crm-form-fields';
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
	message_incomplete: m.etq_message_incomplete,
	apologised_wrong_number: m.etq_apologised_wrong_number,
	no_wrong_number_apology: m.etq_no_wrong_number_apology,
	informal_address: m.etq_informal_address,
	respectful: m.etq_respectful
};

/** A finding the scorer coded (etiquette checks) in the reader's language; an uncoded one (older calls) as stored. */
export function findingText(finding: { message: string; note?: FindingNote }): string {
	const word = finding.note && Object.hasOwn(FINDING, finding.note.code) ? (FINDING[finding.note.code] as (inputs: Record<string, string>) => string) : undefined;
	if (!word) return finding.message;
	if (finding.note?.code === 'message_incomplete') return voicemailGaps(finding.note.params ?? {});
	const params = Object.entries(finding.note?.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? formatInteger(v) : v]);
	return word(Object.fromEntries(params));
}

const MESSAGE_PART: Record<string, (p: Record<string, string>) => string> = {
	name: () => m.etq_part_name(),
	company: (p) => m.etq_part_company({ company: p.company }),
	reason: (p) => m.etq_part_reason({ reasons: p.reasons }),
	callback: (p) => m.etq_part_callback({ number: p.number })
};

/** What a voicemail message left out, each part named in the reader's language. */
function voicemailGaps(params: Record<string, string | number>): string {
	const p = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
	const missing = p.parts.split(',').map((part) => MESSAGE_PART[part]?.(p) ?? part);
	return m.etq_message_incomplete({ missing: missing.join(', ') });
}

/** A deduction's reason in the reader's language: an etiquette item's finding after the item's name, any other coded
 * reason from its code; one without a code (a call scored before codes existed) as the scorer wrote it. */
export function deductionText(d: Pick<Deduction, 'section' | 'topic' | 'message' | 'note'>): string {
	if (!d.note) return d.message;
	if (d.section === 'etiquette') return `${etiquetteLabel(d.topic)}: ${findingText(d)}`;
	return noteText('ded_', d.note) ?? d.message;
}

/** Why a record field is partial, wrong or missing, in the reader's language (uncoded: as stored). */
export function fieldDetailText(f: Pick<FieldResult, 'detail' | 'note'>): string | null {
	return (f.note && noteText('cmp_', f.note)) ?? f.detail;
}

/** A field's value as the results table shows it: a picklist value by its label on the CRM form, anything else as typed. */
export function fieldValueText(section: string, field: string, value: string): string {
	const spec = (CRM_FORM_FIELDS as Record<string, readonly CrmFieldSpec[] | undefined>)[section]?.find((f) => f.field === field);
	return spec?.kind === 'select' ? picklistText(value) : value;
}

/** A picklist value by its label; a label that only spells the value another way (English case) keeps it as stored. */
function picklistText(value: string): string {
	const label = optionLabel(value);
	const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
	return plain(label) === plain(value) ? value : label;
}

const CAUSE: Record<AngerCauseKind, () => string> = {
	acknowledgement: m.cause_acknowledgement,
	apology: m.cause_apology,
	blame: m.cause_blame,
	calmDown: m.cause_calm_down,
	jargon: m.cause_jargon,
	interruption: m.cause_interruption,
	silence: m.cause_silence,
	tone: m.cause_tone,
	holdWithoutPermission: m.cause_hold_without_permission,
	holdOverLimit: m.cause_hold_over_limit,
	scenario: m.cause_scenario
};

/** The field a said-vs-typed finding names (the scorer writes its code in English). */
const SAID_FIELD: Record<string, () => string> = {
	phone: m.said_field_phone,
	email: m.said_field_email,
	meetingDate: m.said_field_meeting_date,
	meetingTime: m.said_field_meeting_time,
	followUpDate: m.said_field_follow_up_date,
	followUpTime: m.said_field_follow_up_time
};
export const saidFieldLabel = (field: string): string => SAID_FIELD[field]?.() ?? field;

type Words = (inputs: Record<string, string>) => string;
/** The `ded_*` and `cmp_*` messages by name, listed (not `m[code]`: a computed lookup on the namespace keeps every
message of the app in each page that shows a result). */
const MESSAGES = {
	ded_field_name: m.ded_field_name,
	ded_record_empty: m.ded_record_empty,
	ded_field_inaccurate: m.ded_field_inaccurate,
	ded_record_coverage_low: m.ded_record_coverage_low,
	ded_field_empty: m.ded_field_empty,
	ded_said_typed: m.ded_said_typed,
	ded_angrier_after: m.ded_angrier_after,
	ded_angrier_after_phrase: m.ded_angrier_after_phrase,
	ded_still_upset: m.ded_still_upset,
	ded_log_not_saved: m.ded_log_not_saved,
	ded_no_callback_task: m.ded_no_callback_task,
	ded_no_ticket: m.ded_no_ticket,
	ded_appointment_not_saved: m.ded_appointment_not_saved,
	ded_no_acknowledgement: m.ded_no_acknowledgement,
	ded_transferred_wrong: m.ded_transferred_wrong,
	ded_not_transferred: m.ded_not_transferred,
	ded_acw_not_completed: m.ded_acw_not_completed,
	ded_acw_too_slow: m.ded_acw_too_slow,
	cmp_not_correct: m.cmp_not_correct,
	cmp_not_entered: m.cmp_not_entered,
	cmp_invalid_phone: m.cmp_invalid_phone,
	cmp_one_digit_differs: m.cmp_one_digit_differs,
	cmp_one_digit_missing_or_extra: m.cmp_one_digit_missing_or_extra,
	cmp_different_number: m.cmp_different_number,
	cmp_invalid_email: m.cmp_invalid_email,
	cmp_email_one_char: m.cmp_email_one_char,
	cmp_email_two_chars: m.cmp_email_two_chars,
	cmp_different_address: m.cmp_different_address,
	cmp_empty: m.cmp_empty,
	cmp_name_variant: m.cmp_name_variant,
	cmp_misspelt_one_letter: m.cmp_misspelt_one_letter,
	cmp_misspelt: m.cmp_misspelt,
	cmp_different_name: m.cmp_different_name,
	cmp_other_script_one_sound: m.cmp_other_script_one_sound,
	cmp_different_value: m.cmp_different_value,
	cmp_picklist_instead: m.cmp_picklist_instead,
	cmp_not_a_date: m.cmp_not_a_date,
	cmp_date_instead: m.cmp_date_instead,
	cmp_not_a_time: m.cmp_not_a_time,
	cmp_time_instead: m.cmp_time_instead,
	cmp_words_missing: m.cmp_words_missing,
	cmp_words_extra: m.cmp_words_extra,
	cmp_no_match: m.cmp_no_match,
	cmp_facts_missing: m.cmp_facts_missing
} as unknown as Record<string, Words | undefined>;

/**
 * A coded finding (`ded_*` deductions, `cmp_*` comparator details) worded from the messages: numbers and dates in
 * the reader's digits, fields, picklist values and anger causes by their names. null when the code (or one inside
 * it) has no message, so the caller shows the stored English.
 */
function noteText(prefix: 'ded_' | 'cmp_', note: FindingNote): string | null {
	const word = MESSAGES[`${prefix}${note.code}`];
	if (!word) return null;
	const p = note.params ?? {};
	const inputs: Record<string, string> = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
	const digits = (...keys: string[]) => keys.forEach((k) => k in inputs && (inputs[k] = formatDigits(inputs[k])));
	switch (`${prefix}${note.code}`) {
		case 'ded_field_inaccurate': {
			const detail = note.detail ? noteText('cmp_', note.detail) : m.cmp_not_correct();
			if (detail === null) return null;
			inputs.detail = detail;
		}
		// falls through: both name the field
		case 'ded_field_empty':
			inputs.field = m.ded_field_name({ section: recordSectionLabel(String(p.section)), field: fieldLabel(String(p.field), String(p.label)).toLowerCase() });
			break;
		case 'ded_said_typed':
			inputs.section = recordSectionTag(String(p.section));
			inputs.field = saidFieldLabel(String(p.field));
			break;
		case 'ded_angrier_after':
		case 'ded_angrier_after_phrase':
			inputs.causes = String(p.causes)
				.split(',')
				.map((c) => CAUSE[c as AngerCauseKind]?.() ?? c)
				.join(', ');
			break;
		case 'cmp_picklist_instead':
			inputs.entered = picklistText(String(p.entered));
			inputs.expected = picklistText(String(p.expected));
			break;
		case 'cmp_date_instead':
		case 'cmp_time_instead':
			digits('entered', 'expected');
			break;
		default:
			digits('percent', 'anger', 'seconds', 'limit');
	}
	return word(inputs);
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
