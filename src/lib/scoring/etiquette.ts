// Telephone etiquette read from the timeline: greeting, verification before disclosure, holds, dead air,
// summary, offer of further help and a polite close.

import { speakingTimeMs } from '../domain/call/engine';
import { NOT_THE_CUSTOMER, outboundOutcome, ringingMs } from '../domain/call/outbound';
import { findPhrase } from '../domain/call/text-match';
import { PHONE_REGION } from '../domain/languages';
import { normalisePhone } from './comparators';
import { spokenPhones } from './spoken-values';
import type { TimelineEvent } from '../domain/call/events';
import { EventFold } from '../domain/call/event-fold';
import { DEAD_AIR_MS, ETIQUETTE_LABELS, type EtiquetteItem } from '../domain/call/score-sections';
import type { Vocabulary } from '../domain/call/text-match';
import type { Scenario } from '../schemas/scenario';
import { callEndEvidence } from './evidence';
import type { TraineeLine } from './trainee-lines';
import { TimelineFacts } from './timeline-facts';
import type { Deduction, EtiquetteCheck, Evidence, FindingNote } from './types';

/** Typing an answer takes about this long per character; it counts as activity, not dead air. */
const TYPING_MS_PER_CHAR = 150;
/** One edit never accounts for more than this much typing. */
const MAX_TYPING_SPAN_MS = 60_000;

export interface EtiquetteContext {
	scenario: Scenario;
	events: readonly TimelineEvent[];
	lines: readonly TraineeLine[];
	vocabulary: Vocabulary;
	traineeName?: string;
	/** folds kept between calls over one growing timeline (live coaching): they read only the events added since */
	folds?: EtiquetteFolds;
}

/** Filled in by the checks that fold: keep the object for the next, longer timeline of the same call. */
export interface EtiquetteFolds {
	deadAir?: DeadAirFold;
	facts?: TimelineFacts;
}

/** `notYet`: failed only because it has not happened yet, so a call still running may still meet it (live coaching). */
type CheckResult = { passed: boolean; message: string; note?: FindingNote; evidence: Evidence[]; notYet?: boolean };
/** What a check reads: the context and where things happened on the timeline (read once for all checks). */
type CheckContext = EtiquetteContext & { facts: TimelineFacts };
type Check = (ctx: CheckContext) => CheckResult;
/** A finding in English, with its code and values for pages that word it in another language. */
type Said = { message: string; note?: FindingNote };
const finding = (code: string, message: string, params?: FindingNote['params']): Said => ({ message, note: { code, params } });
const text = (s: Said | string): Said => (typeof s === 'string' ? { message: s } : s);

const pass = (s: Said | string, evidence: Evidence[] = []): CheckResult => ({ passed: true, ...text(s), evidence });
const failWith = (s: Said | string, evidence: Evidence[]): CheckResult => ({ passed: false, ...text(s), evidence });
const notYet = (s: Said | string, evidence: Evidence[]): CheckResult => ({ passed: false, ...text(s), evidence, notYet: true });

/** Lines spoken while the call was live (before call_ended). */
function liveLines(ctx: CheckContext): readonly TraineeLine[] {
	const end = ctx.facts.endIndex;
	return end < 0 ? ctx.lines : ctx.lines.filter((l) => l.index < end);
}

/** The context with the timeline's facts: the kept fold extended by the new events, or one read afresh. */
function withFacts(ctx: EtiquetteContext): CheckContext {
	const folds = ctx.folds ?? {};
	folds.facts ??= new TimelineFacts();
	return { ...ctx, facts: folds.facts.extend(ctx.events) };
}

const CHECKS: Record<EtiquetteItem, Check> = {
	greeting(ctx) {
		const opening = liveLines(ctx).slice(0, 2);
		if (opening.length === 0) return notYet(finding('no_greeting', 'You never greeted the caller.'), callEndEvidence(ctx.events));
		const companyWord = ctx.vocabulary.words(ctx.scenario.company)[0];
		const nameWords = ctx.traineeName ? ctx.vocabulary.words(ctx.traineeName) : [];
		const hasCompany = opening.some((l) => l.analysis.words.includes(companyWord));
		const hasName = opening.some(
			(l) =>
				l.analysis.intents.has('introduce_self') ||
				l.analysis.words.includes(ctx.vocabulary.words('speaking')[0]) ||
				(nameWords.length > 0 && nameWords.every((w) => l.analysis.words.includes(w)))
		);
		const evidence = [{ eventIndex: opening[0].index }];
		if (hasCompany && hasName) return pass(finding('greeted', 'You greeted the caller with the company and your name.'), evidence);
		const missing = [hasCompany ? null : `the company (${ctx.scenario.company})`, hasName ? null : 'your own name']
			.filter(Boolean)
			.join(' and ');
		const company = ctx.scenario.company;
		const greeting = finding(hasCompany ? 'greeting_no_name' : hasName ? 'greeting_no_company' : 'greeting_no_company_name', `Your greeting did not include ${missing}.`, { company });
		return opening.length < 2 ? notYet(greeting, evidence) : failWith(greeting, evidence);
	},

	identityBeforeDisclosure(ctx) {
		if (!ctx.scenario.identity.required) return pass(finding('no_verification_needed', 'No verification was needed on this call.'));
		// a voicemail or a stranger who answered can never be verified: nothing personal may be said at all
		const stranger = NOT_THE_CUSTOMER.includes(outboundOutcome(ctx.scenario) ?? 'answer');
		const verified = stranger ? -1 : ctx.facts.verifiedIndex;
		const limit = verified < 0 ? Infinity : verified;
		const leak = liveLines(ctx).find((l) => l.index < limit && l.analysis.disclosed.length > 0);
		if (leak) {
			const what = leak.analysis.disclosed[0];
			const voicemail = outboundOutcome(ctx.scenario) === 'voicemail';
			return failWith(
				stranger
					? finding(
							voicemail ? 'disclosed_voicemail' : 'disclosed_stranger',
							`You disclosed "${what}" to ${voicemail ? 'a voicemail anyone may hear' : 'someone who is not the customer'}.`,
							{ what }
						)
					: finding('disclosed_unverified', `You disclosed "${what}" before the caller's identity was verified.`, { what }),
				[{ eventIndex: leak.index, note: what }]
			);
		}
		if (stranger) return pass(finding('kept_details', "You kept the customer's details to yourself: the person on the line was not verified."));
		const earlyChange = ctx.facts.firstCustomerSave < limit ? ctx.facts.firstCustomerSave : -1;
		if (earlyChange >= 0) {
			return failWith(finding('changed_before_verifying', "You changed the customer's details before verifying their identity."), [{ eventIndex: earlyChange }]);
		}
		if (verified < 0) return notYet(finding('never_verified', "You never marked the caller's identity as verified."), callEndEvidence(ctx.events));
		return pass(finding('verified', 'You verified the caller before discussing the account.'), [{ eventIndex: verified }]);
	},

	holdPermission(ctx) {
		// a hold is an exchange: ask first, and thank the caller when you come back
		for (const { index, since } of ctx.facts.holdStarts) {
			const asked = ctx.lines.some((l) => l.index > since && l.index < index && l.analysis.intents.has('ask_hold'));
			if (!asked) return failWith(finding('hold_not_asked', 'You put the caller on hold without asking first.'), [{ eventIndex: index }]);
		}
		for (const hold of ctx.facts.holds) {
			if (ctx.events[hold.endIndex].type !== 'hold_end') continue;
			const back = ctx.lines.find((l) => l.index > hold.endIndex);
			if (back && !back.analysis.intents.has('thank_for_holding')) {
				return failWith(finding('hold_not_thanked', 'When you came back from hold you did not thank the caller for waiting.'), [{ eventIndex: back.index }]);
			}
		}
		return pass(finding('hold_asked_thanked', 'You asked before every hold and thanked the caller for waiting.'));
	},

	holdLimit(ctx) {
		const limitMs = ctx.scenario.holdLimitSeconds * 1000;
		for (const hold of ctx.facts.holds) {
			if (hold.durationMs > limitMs) {
				return failWith(
					finding(
						'hold_too_long',
						`A hold lasted ${Math.round(hold.durationMs / 1000)} s; the limit is ${ctx.scenario.holdLimitSeconds} s.`,
						{ seconds: Math.round(hold.durationMs / 1000), limit: ctx.scenario.holdLimitSeconds }
					),
					[{ eventIndex: hold.endIndex }]
				);
			}
		}
		return pass(finding('holds_within', `Every hold stayed within ${ctx.scenario.holdLimitSeconds} s.`, { limit: ctx.scenario.holdLimitSeconds }));
	},

	deadAir(ctx) {
		const ringMs = ringingMs(ctx.scenario);
		const folds = ctx.folds ?? {};
		if (folds.deadAir?.ringMs !== ringMs) folds.deadAir = new DeadAirFold(ringMs);
		const gaps = folds.deadAir.extend(ctx.events).gaps;
		if (gaps.length === 0) return pass(finding('no_dead_air', 'No silence longer than 10 s.'));
		const longest = Math.max(...gaps.map((g) => g.ms));
		return failWith(
			finding(
				gaps.length > 1 ? 'dead_air_other' : 'dead_air_one',
				`${gaps.length} silence${gaps.length > 1 ? 's' : ''} over 10 s with nobody speaking or typing (longest ${Math.round(longest / 1000)} s).`,
				{ count: gaps.length, longest: Math.round(longest / 1000) }
			),
			gaps.map((g) => ({ eventIndex: g.endIndex, note: `${Math.round(g.ms / 1000)} s of dead air before this` }))
		);
	},

	summary(ctx) {
		const line = liveLines(ctx).find((l) => l.analysis.intents.has('summary'));
		return line
			? pass(finding('summarised', 'You summarised the next steps.'), [{ eventIndex: line.index }])
			: notYet(finding('no_summary', 'You did not summarise what happens next.'), callEndEvidence(ctx.events));
	},

	furtherHelp(ctx) {
		const line = liveLines(ctx).find((l) => l.analysis.intents.has('offer_help'));
		return line
			? pass(finding('offered_help', 'You offered further help.'), [{ eventIndex: line.index }])
			: notYet(finding('no_further_help', 'You did not ask whether there was anything else.'), callEndEvidence(ctx.events));
	},

	politeClose(ctx) {
		// the agent's last words before the call ended: a goodbye with thanks or good wishes, not a bare "bye"
		const closing = liveLines(ctx).slice(-2);
		const line = closing.find((l) => l.analysis.intents.has('close'));
		const courteous = closing.some((l) => l.analysis.intents.has('courtesy'));
		if (line && courteous) return pass(finding('closed_politely', 'You closed the call politely.'), [{ eventIndex: line.index }]);
		const last = closing.at(-1);
		return notYet(
			line
				? finding('bare_goodbye', 'You said goodbye without thanking the caller or wishing them well.')
				: finding('no_polite_close', 'The call ended without a polite close (thank the caller, say goodbye).'),
			last ? [{ eventIndex: last.index }] : callEndEvidence(ctx.events)
		);
	},

	voicemailMessage(ctx) {
		// the message, however many lines it took, names you, the company, why you called and where to call back
		const said = liveLines(ctx);
		if (said.length === 0) return notYet(finding('no_message', 'You left no message.'), callEndEvidence(ctx.events));
		const outbound = ctx.scenario.outbound!;
		const region = PHONE_REGION[ctx.scenario.language];
		const callback = normalisePhone(outbound.callbackNumber ?? '', region);
		const companyWord = ctx.vocabulary.words(ctx.scenario.company)[0];
		const nameWords = ctx.traineeName ? ctx.vocabulary.words(ctx.traineeName) : [];
		const has = {
			name: said.some(
				(l) => l.analysis.intents.has('introduce_self') || (nameWords.length > 0 && nameWords.every((w) => l.analysis.words.includes(w)))
			),
			company: said.some((l) => l.analysis.words.includes(companyWord)),
			reason: outbound.message.every((fact) =>
				said.some((l) => fact.phrases.some((p) => findPhrase(l.analysis.words, ctx.vocabulary.phrase(p)) !== null))
			),
			callback: callback !== null && said.some((l) => spokenPhones(l.text, region).includes(callback))
		};
		const missing = [
			has.name ? null : 'your name',
			has.company ? null : `the company (${ctx.scenario.company})`,
			has.reason ? null : `why you called (${outbound.message.map((f) => f.label).join('; ')})`,
			has.callback ? null : `the number to call back (${outbound.callbackNumber})`
		].filter(Boolean);
		const evidence = [{ eventIndex: said[0].index }];
		if (missing.length === 0) return pass(finding('message_complete', 'Your message said who you are, the company, why you called and where to call back.'), evidence);
		const parts = (['name', 'company', 'reason', 'callback'] as const).filter((k) => !has[k]);
		const params = { parts: parts.join(','), company: ctx.scenario.company, reasons: outbound.message.map((f) => f.label).join('; '), number: outbound.callbackNumber ?? '' };
		return notYet(finding('message_incomplete', `Your message did not say ${missing.join(', ')}.`, params), evidence);
	},

	wrongNumberApology(ctx) {
		const line = liveLines(ctx).find((l) => l.analysis.intents.has('apology'));
		return line
			? pass(finding('apologised_wrong_number', 'You apologised for calling the wrong person.'), [{ eventIndex: line.index }])
			: notYet(finding('no_wrong_number_apology', 'You did not apologise to the person you reached by mistake.'), callEndEvidence(ctx.events));
	},

	respectfulAddress(ctx) {
		// Bengali has three "you"s: a customer is always আপনি; তুমি and তুই (and their forms) talk down to them
		const line = liveLines(ctx).find((l) => l.analysis.intents.has('informal_address'));
		return line
			? failWith(
					finding(
						'informal_address',
						`You addressed the caller informally ("${line.analysis.intents.get('informal_address')}"); a customer is always আপনি.`,
						{ phrase: line.analysis.intents.get('informal_address') ?? '' }
					),
					[{ eventIndex: line.index }]
				)
			: pass(finding('respectful', 'You addressed the caller respectfully throughout.'));
	}
};

export function checkEtiquette(context: EtiquetteContext): { checks: EtiquetteCheck[]; score: number; deductions: Deduction[] } {
	const ctx = withFacts(context);
	const items = ctx.scenario.etiquette;
	const checks: EtiquetteCheck[] = items.map((item) => {
		const { passed, message, note, evidence } = CHECKS[item](ctx);
		return { item, passed, message, note, evidence };
	});
	const points = 100 / items.length;
	const deductions: Deduction[] = checks
		.filter((c) => !c.passed)
		.map((c) => ({
			section: 'etiquette',
			topic: c.item,
			points,
			message: `${ETIQUETTE_LABELS[c.item]}: ${c.message}`,
			note: c.note,
			evidence: c.evidence
		}));
	return { checks, score: 100 - deductions.length * points, deductions };
}

/** The scenario's etiquette items judged on the timeline so far, each also saying whether it may still be met. */
export function checkEtiquetteSoFar(context: EtiquetteContext): (EtiquetteCheck & { notYet: boolean })[] {
	const ctx = withFacts(context);
	return ctx.scenario.etiquette.map((item) => {
		const { passed, message, note, evidence, notYet = false } = CHECKS[item](ctx);
		return { item, passed, message, note, evidence, notYet };
	});
}

/**
 * Gaps over DEAD_AIR_MS in the live call with no speech, typing or hold; each ends at an event. `ringMs`: an outbound
 * call rings this long after it starts, which is nobody's silence.
 */
export function deadAirGaps(events: readonly TimelineEvent[], ringMs = 0): { endIndex: number; ms: number }[] {
	return new DeadAirFold(ringMs).extend(events).gaps;
}

/** The dead-air fold over a growing timeline: live coaching keeps one per call (EventFold). */
export class DeadAirFold extends EventFold {
	readonly gaps: { endIndex: number; ms: number }[] = [];
	#busyUntil = 0;
	#holdStartedAt: number | null = null;
	#ended = false;
	readonly #fieldLengths = new Map<string, number>();
	constructor(readonly ringMs = 0) {
		super();
	}

	protected take(event: TimelineEvent, index: number): void {
		// the live call ended: nothing after the hang-up is dead air
		if (this.#ended) return;
		if (index === 0) this.#busyUntil = event.t + this.ringMs;
		const onHold = this.#holdStartedAt !== null;
		let start = event.t;
		let end = event.t;
		if (event.type === 'customer_utterance') end = event.t + speakingTimeMs(event.text);
		if (event.type === 'trainee_utterance') {
			start = event.t - Math.max(speakingTimeMs(event.text), event.text.length * TYPING_MS_PER_CHAR);
		}
		if (event.type === 'crm_change') {
			// the simulator sends an edit once typing pauses, so the typing itself happened before `t`
			const key = `${event.section}.${event.field}`;
			const typed = Math.abs(event.value.length - (this.#fieldLengths.get(key) ?? 0));
			this.#fieldLengths.set(key, event.value.length);
			start = event.t - Math.min(MAX_TYPING_SPAN_MS, Math.max(1, typed) * TYPING_MS_PER_CHAR);
		}
		if (!onHold && start - this.#busyUntil > DEAD_AIR_MS) this.gaps.push({ endIndex: index, ms: start - this.#busyUntil });
		if (event.type === 'hold_start') this.#holdStartedAt = event.t;
		if (event.type === 'hold_end') this.#holdStartedAt = null;
		this.#busyUntil = Math.max(this.#busyUntil, end);
		if (event.type === 'call_ended') this.#ended = true;
	}
}
