// The parts a call is scored on, and the etiquette checklist. Shared by scenarios, the scorer and the results page.

export const SCORE_SECTIONS = [
	'accuracy',
	'completeness',
	'consistency',
	'etiquette',
	'angerControl',
	'afterCallWork'
] as const;
export type ScoreSection = (typeof SCORE_SECTIONS)[number];

export const SCORE_SECTION_LABELS: Record<ScoreSection, string> = {
	accuracy: 'Record accuracy',
	completeness: 'Record completeness',
	consistency: 'Said vs entered',
	etiquette: 'Telephone etiquette',
	angerControl: 'Anger control',
	afterCallWork: 'After-call work'
};

export const DEFAULT_SECTION_WEIGHTS: Record<ScoreSection, number> = {
	accuracy: 30,
	completeness: 15,
	consistency: 5,
	etiquette: 25,
	angerControl: 15,
	afterCallWork: 10
};

export const ETIQUETTE_ITEMS = [
	'greeting',
	'identityBeforeDisclosure',
	'holdPermission',
	'holdLimit',
	'deadAir',
	'summary',
	'furtherHelp',
	'politeClose',
	'respectfulAddress',
	'voicemailMessage',
	'wrongNumberApology'
] as const;
export type EtiquetteItem = (typeof ETIQUETTE_ITEMS)[number];

export const ETIQUETTE_LABELS: Record<EtiquetteItem, string> = {
	greeting: 'Greeting with company and own name',
	identityBeforeDisclosure: 'Identity verified before account details were disclosed',
	holdPermission: 'Hold asked for and thanked',
	holdLimit: 'Hold within the limit',
	deadAir: 'No dead air over 10 seconds',
	summary: 'Summary of next steps',
	furtherHelp: 'Offer of further help',
	politeClose: 'Polite close',
	respectfulAddress: 'Respectful form of address (আপনি, never তুমি / তুই)',
	voicemailMessage: 'Voicemail: your name, company, reason and callback number',
	wrongNumberApology: 'Wrong number: apologised without disclosing anything'
};

/** Topics a tip can be attached to: a whole section or one etiquette item. */
export const TIP_TOPICS = [...SCORE_SECTIONS, ...ETIQUETTE_ITEMS] as const;
export type TipTopic = (typeof TIP_TOPICS)[number];

/** The courses a tip may link to (slugs of content/courses/*). */
export const TIP_COURSES = [
	'working-in-the-crm',
	'telephone-etiquette',
	'anger-control-and-de-escalation'
] as const;
export type TipCourse = (typeof TIP_COURSES)[number];

/** How a CRM field compares with the scenario's truth (the record check, and what a consequence is scripted on). */
export const FIELD_VERDICTS = ['correct', 'partial', 'wrong', 'missing'] as const;
export type FieldVerdict = (typeof FIELD_VERDICTS)[number];

/** Dead air is any gap longer than this with nobody speaking or typing. */
export const DEAD_AIR_MS = 10_000;
