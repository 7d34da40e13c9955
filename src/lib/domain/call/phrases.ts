// Built-in intents every scenario understands: the phrases of good (and bad) call handling.
// Phrases are plain words matched on normalised text; "..." inside a phrase allows words in between.

export const BUILTIN_INTENTS = {
	greeting: [
		'good morning',
		'good afternoon',
		'good evening',
		'hello',
		'hi',
		'thank you for calling',
		'thanks for calling',
		'you are through to',
		'you are speaking with',
		'my name is',
		'welcome to'
	],
	introduce_self: [
		'my name is',
		'this is ... speaking',
		'this is ... calling from',
		'this is ... from',
		'you are speaking with',
		'you are speaking to',
		'you are through to ... my name',
		'i am ... how can i help'
	],
	ask_identity: [
		'confirm your',
		'verify your',
		'security question',
		'security check',
		'date of birth',
		'postcode',
		'first line of your address',
		'can i take your name',
		'can i have your name',
		'may i have your name',
		'account number',
		'who am i speaking with',
		'who am i speaking to'
	],
	acknowledgement: [
		'i understand',
		'i completely understand',
		'i can understand',
		'i can see why',
		'i can hear',
		'i hear you',
		'that must be',
		'that must have been',
		'must be frustrating',
		'must be worrying',
		'that sounds',
		'i appreciate',
		'you are right',
		'that is not what you expected',
		'i would feel the same',
		'understandably',
		'i see what you mean'
	],
	apology: ['sorry', 'apologise', 'apologies', 'apology', 'my apologies'],
	ask_hold: [
		'can i put you on hold',
		'could i put you on hold',
		'may i put you on hold',
		'may i place you on hold',
		'can i place you on hold',
		'could i place you on hold',
		'do you mind if i put you on hold',
		'do you mind holding',
		'is it ok if i put you on hold',
		'would you mind holding',
		'can you hold',
		'could you hold',
		'bear with me while i put you on hold'
	],
	thank_for_holding: ['thank you for holding', 'thanks for holding', 'thank you for waiting', 'thanks for waiting', 'sorry to keep you waiting'],
	readback: [
		'just to confirm',
		'to confirm',
		'so that is',
		'let me read that back',
		'let me repeat',
		'i have got',
		'i have you down',
		'i have booked',
		'i have noted',
		'i have updated',
		'i have changed',
		'is that correct',
		'is that right'
	],
	summary: [
		'to summarise',
		'to sum up',
		'just to recap',
		'to recap',
		'next steps',
		'what happens next',
		'what will happen',
		'you will receive',
		'you will get',
		'you should receive',
		'will call you',
		'will contact you',
		'will be in touch',
		'within ... working days',
		'i have raised',
		'i have logged',
		'i have booked',
		'i have escalated',
		'reference number'
	],
	offer_help: [
		'anything else',
		'something else i can help',
		'anything more i can',
		'any other questions',
		'can i help with anything',
		'is there more i can'
	],
	close: [
		'have a good',
		'have a great',
		'have a lovely',
		'have a nice',
		'enjoy the rest of your',
		'thank you for calling',
		'thanks for calling',
		'thank you for your patience',
		'goodbye',
		'bye',
		'take care'
	],
	blame: [
		'your fault',
		'you should have',
		'you should of',
		'you did not read',
		'you failed to',
		'you were supposed to',
		'not my problem',
		'not our problem',
		'nothing i can do',
		'as i already said',
		'as i said before',
		'i already told you',
		'you need to listen',
		'that is just how it is',
		'you must have'
	],
	calm_down: ['calm down', 'relax', 'no need to shout', 'stop shouting', 'do not get upset', 'do not be so', 'settle down', 'there is no need to be rude'],
	yes: ['yes', 'yeah', 'sure', 'of course', 'certainly', 'absolutely', 'that is fine', 'ok', 'okay', 'please do'],
	no: ['no', 'nope', 'not really', 'no thanks', 'no thank you', 'that is all', 'that is everything']
} as const satisfies Record<string, readonly string[]>;

export type BuiltinIntent = keyof typeof BUILTIN_INTENTS;
export const BUILTIN_INTENT_NAMES = Object.keys(BUILTIN_INTENTS) as BuiltinIntent[];

/** Words callers don't understand; each use nudges an upset caller's anger up. Scenarios can add their own. */
export const BUILTIN_JARGON = [
	'sla',
	'escalation matrix',
	'tier 2',
	'tier two',
	'second line',
	'backend',
	'back end system',
	'provisioning',
	'ticket id',
	'acd',
	'ivr',
	'crm',
	'disposition',
	'wrap code',
	'as per policy',
	'per our policy'
];

/** Spoken contractions expanded before matching, so "I'm sorry" and "I am sorry" match the same phrase. */
export const CONTRACTIONS: Record<string, string> = {
	"i'm": 'i am',
	"you're": 'you are',
	"we're": 'we are',
	"they're": 'they are',
	"it's": 'it is',
	"that's": 'that is',
	"what's": 'what is',
	"there's": 'there is',
	"i've": 'i have',
	"you've": 'you have',
	"we've": 'we have',
	"i'll": 'i will',
	"you'll": 'you will',
	"we'll": 'we will',
	"it'll": 'it will',
	"i'd": 'i would',
	"you'd": 'you would',
	"we'd": 'we would',
	"don't": 'do not',
	"doesn't": 'does not',
	"didn't": 'did not',
	"can't": 'can not',
	cannot: 'can not',
	"won't": 'will not',
	"isn't": 'is not',
	"aren't": 'are not',
	"wasn't": 'was not',
	"haven't": 'have not',
	"shouldn't": 'should not',
	"couldn't": 'could not',
	"let's": 'let us'
};

/** Spelling variants folded into one form before any matching. */
export const BUILTIN_SYNONYMS: Record<string, string[]> = {
	apologise: ['apologize', 'apologised', 'apologized'],
	summarise: ['summarize'],
	ok: ['okay'],
	email: ['e mail'],
	postcode: ['post code', 'zip code', 'zip']
};
