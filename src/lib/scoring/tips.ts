// Tips that link a lost point to the course lesson that teaches it. A scenario's own tips win over these.

import type { ScoreSection, TipTopic } from '../domain/call/score-sections';
import type { Scenario } from '../schemas/scenario';
import type { Deduction, Tip } from './types';

export const DEFAULT_TIPS: Record<TipTopic, Tip> = {
	accuracy: {
		topic: 'accuracy',
		course: 'working-in-the-crm',
		lesson: 'customer-records',
		text: 'Check each field against what the caller said before you save: names, numbers and dates are what the next colleague relies on.'
	},
	completeness: {
		topic: 'completeness',
		course: 'working-in-the-crm',
		lesson: 'appointment-minimum-data-set',
		text: 'Fill in every field of the minimum data set; an empty field breaks whatever happens next for the customer.'
	},
	consistency: {
		topic: 'consistency',
		course: 'telephone-etiquette',
		lesson: 'active-listening',
		text: 'Read back numbers and dates from the screen, not from memory, so what you say is what you typed.'
	},
	etiquette: {
		topic: 'etiquette',
		course: 'telephone-etiquette',
		lesson: 'the-phases-of-a-call',
		text: 'Work through the phases of the call: greet, verify, resolve, summarise, close.'
	},
	angerControl: {
		topic: 'angerControl',
		course: 'anger-control-and-de-escalation',
		lesson: 'words-that-help-and-words-that-hurt',
		text: 'Acknowledge the feeling before the facts, and avoid blame, "calm down" and jargon.'
	},
	afterCallWork: {
		topic: 'afterCallWork',
		course: 'working-in-the-crm',
		lesson: 'after-call-work',
		text: 'Finish the log, the ticket and the acknowledgement e-mail straight after the call, within the time allowed.'
	},
	greeting: {
		topic: 'greeting',
		course: 'telephone-etiquette',
		lesson: 'greeting-and-verification',
		text: 'Open with a greeting, the company name and your own name.'
	},
	identityBeforeDisclosure: {
		topic: 'identityBeforeDisclosure',
		course: 'telephone-etiquette',
		lesson: 'greeting-and-verification',
		text: 'Verify the caller before you say anything about the account.'
	},
	holdPermission: {
		topic: 'holdPermission',
		course: 'telephone-etiquette',
		lesson: 'hold-and-transfer',
		text: 'Ask before you put a caller on hold, say why and for how long.'
	},
	holdLimit: {
		topic: 'holdLimit',
		course: 'telephone-etiquette',
		lesson: 'hold-and-transfer',
		text: 'Come back before the hold limit, even if only to say you need another minute.'
	},
	deadAir: {
		topic: 'deadAir',
		course: 'telephone-etiquette',
		lesson: 'hold-and-transfer',
		text: 'Talk the caller through what you are doing instead of leaving a silence.'
	},
	summary: {
		topic: 'summary',
		course: 'telephone-etiquette',
		lesson: 'summarising-and-closing',
		text: 'Before closing, summarise what you did and what happens next.'
	},
	furtherHelp: {
		topic: 'furtherHelp',
		course: 'telephone-etiquette',
		lesson: 'summarising-and-closing',
		text: 'Ask whether there is anything else you can help with.'
	},
	politeClose: {
		topic: 'politeClose',
		course: 'telephone-etiquette',
		lesson: 'summarising-and-closing',
		text: 'Thank the caller and say goodbye before you end the call.'
	},
	respectfulAddress: {
		topic: 'respectfulAddress',
		course: 'telephone-etiquette',
		lesson: 'greeting-and-verification',
		text: 'A customer is always আপনি, even when they are angry: never তুমি or তুই.'
	},
	voicemailMessage: {
		topic: 'voicemailMessage',
		course: 'telephone-etiquette',
		lesson: 'summarising-and-closing',
		text: 'A voicemail message says who you are, the company, why you called and the number to call back, and nothing personal.'
	},
	wrongNumberApology: {
		topic: 'wrongNumberApology',
		course: 'telephone-etiquette',
		lesson: 'greeting-and-verification',
		text: 'When the person who answers is not the customer, say nothing about the account, apologise and end the call politely.'
	}
};

/** One tip per topic that lost points, the topics that cost most of the total first. */
export function tipsFor(
	scenario: Scenario,
	deductions: readonly Deduction[],
	weightOf: (section: ScoreSection) => number,
	limit = 5
): Tip[] {
	const lost = new Map<TipTopic, number>();
	for (const d of deductions) lost.set(d.topic, (lost.get(d.topic) ?? 0) + d.points * weightOf(d.section));
	return [...lost.entries()]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, limit)
		.map(([topic]) => scenario.tips.find((t) => t.topic === topic) ?? DEFAULT_TIPS[topic]);
}
