// A mock-call scenario as authored in content/scenarios/*.yaml: the caller, the perfect record, the scripted
// dialogue (a small state machine) and how the caller's anger moves. Cross-references are checked here too,
// so a scenario that parses is one the engine can play.

import { z } from 'zod';
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import {
	APPOINTMENT_OUTCOMES,
	INTERACTION_CATEGORIES,
	INTERACTION_CHANNELS,
	INTERACTION_STATUSES,
	needsNoReport,
	TICKET_PRIORITIES,
	TICKET_TEAMS
} from '../domain/crm';
import { CALL_DIRECTIONS, MAX_RINGS, OUTBOUND_OUTCOMES } from '../domain/call/outbound';
import { CRM_ACTIONS } from '../domain/call/events';
import { BUILTIN_INTENT_NAMES } from '../domain/call/phrases';
import { Vocabulary } from '../domain/call/text-match';
import { contentLanguageSchema } from './course';
import {
	ETIQUETTE_ITEMS,
	FIELD_VERDICTS,
	SCORE_SECTIONS,
	TIP_COURSES,
	TIP_TOPICS
} from '../domain/call/score-sections';

export const SCENARIO_DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

const slug = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: () => m.scn_err_slug() });
const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.scn_err_date(), abort: true })
	.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: () => m.scn_err_not_real_date() });
const time24 = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.scn_err_time() });
const text = z.string().trim().min(1, { error: () => m.api_not_empty() });
const unit = z.number().min(0, { error: () => m.scn_err_unit() }).max(1, { error: () => m.scn_err_unit() });
const delta = z.number().min(-1, { error: () => m.scn_err_delta() }).max(1, { error: () => m.scn_err_delta() });
/** YAML lets authors write one line or a list of lines. */
const lines = z.union([text.transform((s) => [s]), z.array(text)]);

/** A fact the notes (or e-mail) must mention; any one of its phrases counts. */
export const keyFactSchema = z.strictObject({
	label: text,
	phrases: z.array(text).min(1, { error: () => m.scn_err_one_phrase() })
});

const pastInteraction = z.strictObject({
	date: isoDate,
	channel: z.enum(INTERACTION_CHANNELS),
	category: z.enum(INTERACTION_CATEGORIES),
	status: z.enum(INTERACTION_STATUSES),
	summary: text,
	agent: text.optional()
});

const caller = z.strictObject({
	firstName: text,
	surname: text,
	/** position, e.g. "Practice Manager" */
	title: text.optional(),
	phone: text,
	email: z.email({ error: () => m.api_email_invalid() }),
	address: text,
	dateOfBirth: isoDate.optional(),
	postcode: text.optional(),
	account: z.strictObject({
		id: text,
		product: text,
		since: isoDate,
		/** anything else shown on the CRM profile: balance, plan, devices… */
		details: z.record(z.string(), z.union([z.string(), z.number()])).default({})
	}),
	history: z.array(pastInteraction).default([])
});

const truthCustomer = z.strictObject({
	accountId: text,
	firstName: text.optional(),
	surname: text.optional(),
	phone: text.optional(),
	email: z.email({ error: () => m.api_email_invalid() }).optional(),
	address: text.optional()
});

const truthInteraction = z.strictObject({
	channel: z.enum(INTERACTION_CHANNELS),
	category: z.enum(INTERACTION_CATEGORIES),
	status: z.enum(INTERACTION_STATUSES),
	/** what the notes must cover; may be empty only for an outcome that needs no detailed report (a wrong number…) */
	keyFacts: z.array(keyFactSchema).default([]),
	followUpDate: isoDate.optional(),
	/** with followUpDate: the callback task (when to call again) the trainee must save */
	followUpTime: time24.optional()
});

const truthTicket = z.strictObject({
	subjectFacts: z.array(keyFactSchema).min(1, { error: () => m.scn_err_ticket_subject_facts() }),
	priority: z.enum(TICKET_PRIORITIES),
	descriptionFacts: z.array(keyFactSchema).min(1, { error: () => m.scn_err_ticket_description_facts() }),
	team: z.enum(TICKET_TEAMS).optional()
});

const truthAppointment = z.strictObject({
	meetingDate: isoDate,
	meetingTime: time24,
	clientTitle: text,
	firstName: text,
	surname: text,
	phone: text,
	email: z.email({ error: () => m.api_email_invalid() }),
	subjectFacts: z.array(keyFactSchema).min(1, { error: () => m.scn_err_meeting_subject_facts() }),
	outcome: z.enum(APPOINTMENT_OUTCOMES)
});

const truthAcknowledgement = z.strictObject({
	to: z.email({ error: () => m.api_email_invalid() }),
	mustMention: z.array(keyFactSchema).min(1, { error: () => m.scn_err_email_must_mention() })
});

const truth = z.strictObject({
	customer: truthCustomer,
	interaction: truthInteraction,
	ticket: truthTicket.nullable().default(null),
	appointment: truthAppointment.nullable().default(null),
	acknowledgement: truthAcknowledgement.nullable().default(null),
	/** the queue the call should end up in, when a transfer is the right outcome */
	transferTo: text.nullable().default(null)
});

export const angerDynamicsSchema = z.strictObject({
	acknowledgement: delta.default(-0.08),
	apology: delta.default(-0.06),
	blame: delta.default(0.15),
	calmDown: delta.default(0.2),
	jargon: delta.default(0.04),
	interruption: delta.default(0.1),
	longSilence: delta.default(0.05),
	/** seconds without speech (off hold) before the caller gets restless */
	silenceSeconds: z.number().min(3).max(120).default(20),
	holdWithoutPermission: delta.default(0.1),
	/** added once when a hold runs over the limit, and again per extra minute */
	holdOverLimit: delta.default(0.1),
	/** how much the trainee's measured tone (anger, politeness) moves the caller */
	toneWeight: unit.default(0.2),
	/** repeated apologies/acknowledgements each count this fraction of the previous one */
	repeatFactor: unit.default(0.6)
});

const transition = z
	.strictObject({
		intent: z.union([text, z.array(text).min(1)]).optional(),
		action: z.enum(CRM_ACTIONS).optional(),
		/** for action: transfer, the queue that must be chosen */
		target: text.optional(),
		to: text.optional(),
		say: lines.optional(),
		anger: delta.optional(),
		/** all of these actions must have happened earlier in the call */
		requires: z.array(z.enum(CRM_ACTIONS)).optional(),
		once: z.boolean().default(false)
	})
	.refine((t) => (t.intent === undefined) !== (t.action === undefined), {
		error: () => m.scn_err_intent_or_action()
	});

const dialogueState = z.strictObject({
	say: lines.default([]),
	on: z.array(transition).default([]),
	/** what the caller says when nothing the trainee said matched (cycled) */
	fallback: lines.optional(),
	end: z.boolean().default(false)
});

const intentDefinition = z.strictObject({
	phrases: z.array(text).min(1, { error: () => m.scn_err_one_phrase() })
});

const tip = z.strictObject({
	topic: z.enum(TIP_TOPICS),
	course: z.enum(TIP_COURSES),
	lesson: slug,
	text: text
});

/**
 * Consequence replay: what happens next for the customer, given how one field of the record was entered. `field` is
 * a field the record check compares ("section.field", e.g. acknowledgement.to); `when` the verdicts that set it off;
 * `{entered}` and `{expected}` in the text are filled in. `ok` is what happens when the field is right.
 */
export const consequenceSchema = z.strictObject({
	field: z
		.string()
		.regex(/^(customer|interaction|ticket|appointment|acknowledgement)\.[a-zA-Z]+$/, { error: () => m.scn_err_section_field() }),
	when: z.array(z.enum(FIELD_VERDICTS)).min(1, { error: () => m.scn_err_one_verdict() }).default(['partial', 'wrong', 'missing']),
	text: text,
	ok: text.optional()
});

/** What every caller says in the common moments of a call, unless the scenario writes its own lines. */
export const DEFAULT_CALLER_LINES = {
	silence: ['Hello? Are you still there?'],
	resume: ['Yes, I am here.'],
	longHold: ['That was a long wait.'],
	interrupted: [] as string[],
	holdAgree: ['Yes, that is fine.'],
	holdAgreeUpset: ['Fine, but please make it quick.'],
	goodbye: ['Bye.'],
	clarify: ['Sorry, I am not sure what you mean. Can you put that another way?', 'I do not follow. What does that mean for me?']
};

/** An outbound call: what happens when the trainee dials the customer from the CRM record. */
const outbound = z.strictObject({
	outcome: z.enum(OUTBOUND_OUTCOMES),
	/** how many times the phone rings before the outcome */
	rings: z.number().int().min(1).max(MAX_RINGS, { error: () => m.scn_err_rings_max({ max: formatInteger(MAX_RINGS) }) }).default(3),
	/** the company's number the trainee leaves on a voicemail (shown in the CRM bar) */
	callbackNumber: text.optional(),
	/** what a voicemail message must say about why you called (any phrase of each fact) */
	message: z.array(keyFactSchema).default([])
});

const scenarioBase = z
	.strictObject({
		title: text,
		slug,
		/** inbound: the customer calls and the trainee answers; outbound: the trainee dials from the CRM record */
		direction: z.enum(CALL_DIRECTIONS).default('inbound'),
		outbound: outbound.optional(),
		/** the language the caller speaks and the trainee answers in; national phone numbers are read in its region */
		language: contentLanguageSchema.default('en'),
		difficulty: z.enum(SCENARIO_DIFFICULTIES),
		summary: text,
		company: text,
		learningGoals: z.array(text).min(1, { error: () => m.scn_err_learning_goal() }),
		/** the day the call takes place; relative dates ("next Tuesday") resolve against it */
		callDate: isoDate,
		queue: z.strictObject({ ivrChoice: text, reasonCode: text }),
		caller,
		identity: z.strictObject({
			required: z.boolean(),
			questions: z.array(text).default([]),
			/** account details the trainee must not say before the caller is verified */
			protectedFacts: z.array(text).default([])
		}),
		truth,
		etiquette: z.array(z.enum(ETIQUETTE_ITEMS)).min(1, { error: () => m.scn_err_etiquette_items() }),
		holdLimitSeconds: z.number().int().min(10).max(600).default(60),
		afterCallWork: z.strictObject({
			timeLimitSeconds: z.number().int().min(10).max(1800),
			expected: z.array(text).min(1, { error: () => m.scn_err_acw_expected() })
		}),
		weights: z.partialRecord(z.enum(SCORE_SECTIONS), z.number().min(0).max(100)).default({}),
		anger: z.strictObject({
			start: unit,
			/** the caller counts as calm below this */
			calmBelow: unit.default(0.3),
			dynamics: angerDynamicsSchema.default(angerDynamicsSchema.parse({}))
		}),
		vocabulary: z
			.strictObject({
				/** canonical word → words and phrases that mean the same */
				synonyms: z.record(z.string(), z.array(text)).default({}),
				intents: z.record(z.string(), intentDefinition).default({}),
				jargon: z.array(text).default([])
			})
			.default({ synonyms: {}, intents: {}, jargon: [] }),
		dialogue: z.strictObject({
			start: text,
			states: z.record(z.string(), dialogueState),
			/** transitions tried in every state after the state's own */
			anyState: z.array(transition).default([]),
			lines: z
				.strictObject({
					silence: lines.default(DEFAULT_CALLER_LINES.silence),
					resume: lines.default(DEFAULT_CALLER_LINES.resume),
					longHold: lines.default(DEFAULT_CALLER_LINES.longHold),
					interrupted: lines.default(DEFAULT_CALLER_LINES.interrupted),
					/** the caller's answer to a hold request while calm, and while still upset */
					holdAgree: lines.default(DEFAULT_CALLER_LINES.holdAgree),
					holdAgreeUpset: lines.default(DEFAULT_CALLER_LINES.holdAgreeUpset),
					/** the caller's last words once the agent has closed the call */
					goodbye: lines.default(DEFAULT_CALLER_LINES.goodbye),
					/** clarifying questions, mixed into a state's fallback so no line is said twice in a row */
					clarify: lines.default(DEFAULT_CALLER_LINES.clarify)
				})
				.default(DEFAULT_CALLER_LINES)
		}),
		tips: z.array(tip).default([]),
		consequences: z.array(consequenceSchema).default([])
	});

export const scenarioSchema = scenarioBase
	.superRefine((s, ctx) => {
		checkOutbound(s, ctx);
		const status = s.truth.interaction.status;
		if (s.truth.interaction.keyFacts.length === 0 && !needsNoReport(status)) {
			ctx.addIssue({
				code: 'custom',
				path: ['truth', 'interaction', 'keyFacts'],
				message: m.scn_err_notes_facts({ status })
			});
		}
		if (status === 'Call back later' && (!s.truth.interaction.followUpDate || !s.truth.interaction.followUpTime)) {
			ctx.addIssue({
				code: 'custom',
				path: ['truth', 'interaction', 'status'],
				message: m.scn_err_callback_task()
			});
		}
		if (s.truth.interaction.followUpTime && !s.truth.interaction.followUpDate) {
			ctx.addIssue({ code: 'custom', path: ['truth', 'interaction', 'followUpTime'], message: m.scn_err_callback_time_needs_date() });
		}
		s.consequences.forEach((c, i) => {
			if (!truthChecks(s.truth, c.field)) {
				ctx.addIssue({
					code: 'custom',
					path: ['consequences', i, 'field'],
					message: m.scn_err_unknown_truth_field({ field: c.field })
				});
			}
		});
		const states = s.dialogue.states;
		const known = new Set(Object.keys(states));
		const intents = new Set<string>([...BUILTIN_INTENT_NAMES, 'any', ...Object.keys(s.vocabulary.intents)]);
		if (!known.has(s.dialogue.start)) {
			ctx.addIssue({
				code: 'custom',
				path: ['dialogue', 'start'],
				message: m.scn_err_unknown_start_state({ state: s.dialogue.start })
			});
		}
		let danglingTransitions = false;
		const checkTransitions = (list: z.infer<typeof transition>[], base: (string | number)[]) => {
			list.forEach((t, i) => {
				if (t.to !== undefined && !known.has(t.to)) {
					danglingTransitions = true;
					ctx.addIssue({
						code: 'custom',
						path: [...base, i, 'to'],
						message: m.scn_err_unknown_target_state({ state: t.to })
					});
				}
				const names = t.intent === undefined ? [] : Array.isArray(t.intent) ? t.intent : [t.intent];
				for (const name of names) {
					if (!intents.has(name)) {
						ctx.addIssue({
							code: 'custom',
							path: [...base, i, 'intent'],
							message: m.scn_err_unknown_intent({ name })
						});
					}
				}
			});
		};
		for (const [id, state] of Object.entries(states)) {
			checkTransitions(state.on, ['dialogue', 'states', id, 'on']);
			if (!state.end && state.on.length === 0) {
				ctx.addIssue({
					code: 'custom',
					path: ['dialogue', 'states', id],
					message: m.scn_err_dead_end()
				});
			}
		}
		checkTransitions(s.dialogue.anyState, ['dialogue', 'anyState']);
		if (known.has(s.dialogue.start) && !danglingTransitions) {
			const reached = reachableStates(s.dialogue.start, states, s.dialogue.anyState);
			if (![...reached].some((id) => states[id].end)) {
				ctx.addIssue({
					code: 'custom',
					path: ['dialogue', 'states'],
					message: m.scn_err_no_reachable_end()
				});
			}
			for (const id of known) {
				if (!reached.has(id)) {
					ctx.addIssue({
						code: 'custom',
						path: ['dialogue', 'states', id],
						message: m.scn_err_unreachable()
					});
				}
			}
		}
		const vocabulary = new Vocabulary(s.vocabulary.synonyms, s.language);
		s.vocabulary.jargon.forEach((term, i) => {
			const plain = vocabulary.plainWords(term).join(' ');
			const canonical = Object.entries(s.vocabulary.synonyms).find(([, alts]) =>
				alts.some((alt) => plain.includes(vocabulary.plainWords(alt).join(' ')))
			)?.[0];
			const folded = canonical ?? vocabulary.words(term).join(' ');
			if (vocabulary.words(term).join(' ') !== plain) {
				ctx.addIssue({
					code: 'custom',
					path: ['vocabulary', 'jargon', i],
					message: m.scn_err_jargon_folded({ term, folded })
				});
			}
		});
		const totalWeight = Object.values(s.weights).reduce((a, b) => a + (b ?? 0), 0);
		if (Object.keys(s.weights).length > 0 && totalWeight === 0) {
			ctx.addIssue({ code: 'custom', path: ['weights'], message: m.scn_err_weight_above_zero() });
		}
		if (s.identity.required && s.identity.questions.length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['identity', 'questions'],
				message: m.scn_err_security_questions()
			});
		}
		if (s.truth.customer.accountId !== s.caller.account.id) {
			ctx.addIssue({
				code: 'custom',
				path: ['truth', 'customer', 'accountId'],
				message: m.scn_err_account_id({ id: s.caller.account.id })
			});
		}
	});

/** An outbound scenario says what happens when it is dialled, and its dialogue fits that outcome. */
function checkOutbound(s: z.infer<typeof scenarioBase>, ctx: z.RefinementCtx): void {
	const o = s.outbound;
	if (s.direction === 'inbound') {
		if (o) ctx.addIssue({ code: 'custom', path: ['outbound'], message: m.scn_err_outbound_only() });
	} else if (!o) {
		ctx.addIssue({ code: 'custom', path: ['direction'], message: m.scn_err_outbound_needs_part() });
	}
	const outcome = o && s.direction === 'outbound' ? o.outcome : null;
	const start = s.dialogue.states[s.dialogue.start];
	if (start && outcome === 'no_answer' && (!start.end || start.say.length > 0)) {
		ctx.addIssue({
			code: 'custom',
			path: ['dialogue', 'start'],
			message: m.scn_err_no_answer_start()
		});
	}
	if (start && outcome !== null && outcome !== 'no_answer' && start.say.length === 0) {
		ctx.addIssue({
			code: 'custom',
			path: ['dialogue', 'states', s.dialogue.start, 'say'],
			message: m.scn_err_outbound_speaks_first()
		});
	}
	if (outcome === 'voicemail' && (!o?.callbackNumber || o.message.length === 0)) {
		ctx.addIssue({ code: 'custom', path: ['outbound'], message: m.scn_err_voicemail_parts() });
	}
	const needs: [string, string][] = [
		['voicemailMessage', 'voicemail'],
		['wrongNumberApology', 'wrong_number']
	];
	for (const [item, needed] of needs) {
		const i = s.etiquette.indexOf(item as (typeof s.etiquette)[number]);
		if (i >= 0 && outcome !== needed) {
			ctx.addIssue({ code: 'custom', path: ['etiquette', i], message: m.scn_err_outcome_only({ item, needed }) });
		}
	}
}

/** Whether the record check compares this field (scoring/expected-fields.ts builds the same list from the truth). */
function truthChecks(truthOfScenario: z.infer<typeof truth>, key: string): boolean {
	const [section, field] = key.split('.');
	const t = truthOfScenario as unknown as Record<string, Record<string, unknown> | null>;
	const part = t[section];
	if (!part) return false;
	const facts: Record<string, Record<string, string>> = {
		interaction: { notes: 'keyFacts' },
		ticket: { subject: 'subjectFacts', description: 'descriptionFacts' },
		appointment: { subject: 'subjectFacts' },
		acknowledgement: { body: 'mustMention' }
	};
	if (section === 'interaction' && ['channel', 'category', 'status'].includes(field)) return true;
	if (section === 'interaction' && field === 'notes') return truthOfScenario.interaction.keyFacts.length > 0;
	return part[facts[section]?.[field] ?? field] !== undefined;
}

function reachableStates(
	start: string,
	states: Record<string, z.infer<typeof dialogueState>>,
	anyState: z.infer<typeof transition>[]
): Set<string> {
	const seen = new Set<string>([start]);
	const queue = [start];
	while (queue.length > 0) {
		const id = queue.shift()!;
		for (const t of [...(states[id]?.on ?? []), ...anyState]) {
			if (t.to && states[t.to] && !seen.has(t.to)) {
				seen.add(t.to);
				queue.push(t.to);
			}
		}
	}
	return seen;
}

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type KeyFact = z.infer<typeof keyFactSchema>;
export type AngerDynamics = z.infer<typeof angerDynamicsSchema>;
export type DialogueState = Scenario['dialogue']['states'][string];
export type DialogueTransition = DialogueState['on'][number];
export type ScenarioTruth = Scenario['truth'];
export type ScenarioCaller = Scenario['caller'];
export type ScenarioTip = Scenario['tips'][number];
export type ScenarioConsequence = Scenario['consequences'][number];
