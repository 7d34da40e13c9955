// Tone of a typed or transcribed utterance from our own text model (see docs/tone-model-card.md).
// The committed model file is bundled with the server and decoded once, on first use.
//
// Bad input has a defined answer instead of a guess: empty text, text without letters (emoji, digits,
// punctuation), one word repeated (or a "word" longer than any real one), and text that is not English
// (mostly non-Latin script, or Latin-script words none of which look English) all get a neutral estimate
// with low confidence and a `status` saying why. Bengali, in Bengali script or typed in Latin letters (Banglish),
// goes to the Bengali model. Only the first MAX_CHARS characters are read.

import { bengaliShare } from '../../domain/bengali';
import type { ToneEstimate } from '../../domain/tone';
import { bengaliToneLabel, type BengaliMarkerKind, type BengaliToneLabel } from '../../domain/tone-bn';
import bengaliModelFile from './tone-bn-model.json';
import { bengaliLogOdds, decodeBengaliModel, estimateBengaliToneWith, looksBanglish, type BengaliModel, type BengaliModelFile } from './tone-bn-model';
import modelFile from './tone-model.json';
import { createHash } from 'node:crypto';
import { encodeSentence, sentenceEncoderAvailable } from './sentence-encoder';
import { SENTIMENT_CLASSES, type SentimentClass } from './tone-data';
import { inAfinn } from './tone-lexicon';
import { decodeToneModel, encoderText, predictTone, usesEncoder, type ToneModel, type ToneModelFile, type TonePrediction, type ToneSpeaker } from './tone-model';

export type { ToneSpeaker } from './tone-model';

let model: ToneModel | null = null;

function loadedModel(): ToneModel {
	model ??= decodeToneModel(modelFile as unknown as ToneModelFile);
	return model;
}

let modelDigest: string | null = null;

/**
 * Names the judgements this process makes: a digest of the English and Bengali model files, marked when the English
 * model's sentence encoder does not run (its n-gram heads alone judge then). Stored explanations carry it.
 */
export function toneModelKey(): string {
	modelDigest ??= createHash('sha256').update(JSON.stringify(modelFile)).update(JSON.stringify(bengaliModelFile)).digest('hex').slice(0, 16);
	return usesEncoder(loadedModel(), 'agent') && !sentenceEncoderAvailable() ? `${modelDigest}-no-encoder` : modelDigest;
}

/** Longer utterances are cut here (the API's limit, several minutes of speech), which keeps every estimate within a few ms. */
export const MAX_CHARS = 2000;
const LONGEST_WORD = 30;

/** Why an estimate is (or is not) a real reading of the words. */
export type ToneStatus = 'ok' | 'empty' | 'no-words' | 'repetitive' | 'not-english' | 'bengali' | 'banglish';

/** A word that moved the judgement: `effect` is how much the shown probability drops when the word is removed. */
export interface ToneDriver {
	word: string;
	effect: number;
}

export interface TextToneAnalysis extends ToneEstimate {
	/** The sentiment class with the highest probability. */
	label: SentimentClass;
	/** Whether the anger probability reaches the model's threshold. */
	angry: boolean;
	/** Highest sentiment probability (0.33 … 1); low (0.6 by definition) for every status other than 'ok'. */
	confidence: number;
	status: ToneStatus;
	/** Up to 3 words that drove the judgement shown (anger when angry, else the sentiment label); only with `explain`. */
	drivers: ToneDriver[];
}

/** Common English function words: never shown as drivers (removing one mostly breaks bigrams, it explains nothing). */
const FUNCTION_WORDS = new Set(
	("a about after all am an and any are as at be been but by can can't could did didn't do does don't for from get got had has have haven't " +
		"he her here him his how i i'm i've i'll i'd if in is isn't it it's just me my of off on or our out she so that that's the their them then " +
		"there they this to up us was wasn't we what when where which who will with won't would you your you're you've").split(' ')
);
/** Function words plus common service words: a Latin-script text with none of these (nor any AFINN word) is not English. */
const ENGLISH = new Set([
	...FUNCTION_WORDS,
	...('again call day hello help hi hold know let like line money no not now ok okay one order phone please refund right service ' +
		'sorry still thank thanks time told two very want week why yes yet bill account engineer delivery parcel flight bag card payment booking appointment customer manager').split(' ')
]);

const LETTER = /\p{L}/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const WORD = /\p{L}+(?:'\p{L}+)?/gu;

/** The status of a text before the model sees it. */
export function toneInputStatus(text: string): ToneStatus {
	const t = text.slice(0, MAX_CHARS).trim();
	if (t === '') return 'empty';
	const letters = t.match(LETTER)?.length ?? 0;
	if (letters === 0) return 'no-words';
	const latin = t.match(LATIN_LETTER)?.length ?? 0;
	if (latin < letters / 2) return 'not-english';
	const words = (t.toLowerCase().match(WORD) ?? []).filter((w) => w.length <= LONGEST_WORD);
	if (words.length === 0) return 'repetitive';
	const counts = new Map<string, number>();
	for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
	if (words.length >= 6 && Math.max(...counts.values()) >= 0.9 * words.length) return 'repetitive';
	if (words.length >= 3 && !words.some((w) => ENGLISH.has(w) || inAfinn(w))) return 'not-english';
	return 'ok';
}

const argmaxLabel = (s: [number, number, number]): SentimentClass => SENTIMENT_CLASSES[s[0] >= s[1] && s[0] >= s[2] ? 0 : s[1] >= s[2] ? 1 : 2];

function estimateOf(p: TonePrediction): ToneEstimate {
	return { anger: p.anger, sentiment: { negative: p.sentiment[0], neutral: p.sentiment[1], positive: p.sentiment[2] }, politeness: p.politeness, source: 'text' };
}

/** The defined answer for input the model should not judge: neutral, calm, plain politeness, low confidence. */
const UNREADABLE: TonePrediction = { anger: 0.05, sentiment: [0.2, 0.6, 0.2], politeness: 0.5 };

/** Probability of the judgement shown for a prediction: anger if angry, else the sentiment label's. */
function shownProbability(p: TonePrediction, angry: boolean, label: SentimentClass): number {
	return angry ? p.anger : p.sentiment[SENTIMENT_CLASSES.indexOf(label)];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Words that drove the judgement, by occlusion: each distinct word (up to 40) is removed from the text and the
 * drop in `score` (the shown probability) is its effect (function words are skipped); effects below `least` are left
 * out. Works for every feature (n-grams, lexicons, cues) alike, and for either model; Bengali words are letters and
 * vowel signs (`bengali`).
 */
function drivers(score: (text: string) => number, text: string, bengali = false, least = 0.02): ToneDriver[] {
	const base = score(text);
	const word = bengali ? BENGALI_WORD : WORD;
	const letter = bengali ? "[\\p{L}\\p{M}']" : "[\\p{L}']";
	const words = [...new Set((text.toLowerCase().match(word) ?? []).filter((w) => w.length <= LONGEST_WORD && !FUNCTION_WORDS.has(w)))].slice(0, 40);
	return words
		.map((w) => {
			const without = text.replace(new RegExp(`(?<!${letter})${escapeRe(w)}(?!${letter})`, 'giu'), ' ');
			return { word: w, effect: Math.round((base - score(without)) * 1000) / 1000 };
		})
		.filter((d) => d.effect >= least)
		.sort((a, b) => b.effect - a.effect || a.word.localeCompare(b.word))
		.slice(0, 3);
}
const BENGALI_WORD = /[\p{L}\p{M}]+/gu;

/** Options of a tone estimate. */
export interface ToneOptions {
	/** Name the words that drove the judgement (results pages). */
	explain?: boolean;
	/**
	 * 'agent' for what a trainee says on a call (the model's agent anger head, trained also on agents' rude and careful
	 * lines); 'any' (default) for any other text.
	 */
	speaker?: ToneSpeaker;
}

/** Tone of one utterance with its label, confidence, status and (with `explain`) the words that drove it. */
export function analyseTextTone(text: string, opts: ToneOptions = {}): TextToneAnalysis {
	const m = loadedModel();
	const input = text.slice(0, MAX_CHARS);
	// Bengali script is never read by the English model: the Bengali model judges it (tone-bn-model.ts)
	if (bengaliShare(input) >= 0.5) return bengaliAnalysis(input, opts.explain === true, 'bengali');
	const status = toneInputStatus(input);
	// so is Bengali typed in Latin letters (Banglish), recognised by its words
	if ((status === 'ok' || status === 'not-english') && looksBanglish(loadedBengaliModel(), input)) return bengaliAnalysis(input, opts.explain === true, 'banglish');
	const speaker = opts.speaker ?? 'any';
	// the sentence embedding of the whole line (when the model has an encoder head and the encoder runs)
	const embedding = status === 'ok' && usesEncoder(m, speaker) ? encodeSentence(encoderText(m, input)) : null;
	const p = status === 'ok' ? predictTone(m, input, embedding, speaker) : UNREADABLE;
	const label = argmaxLabel(p.sentiment);
	const angry = p.anger >= m.angerThreshold;
	return {
		...estimateOf(p),
		label,
		angry,
		confidence: Math.max(...p.sentiment),
		status,
		drivers: status === 'ok' && opts.explain ? englishDrivers(m, input, embedding, speaker, angry, label) : []
	};
}

/**
 * Words that drove an English judgement, by occlusion. The embedding stays the whole line's: the drivers are the words
 * whose n-grams moved the judgement. A line the model is sure of ("…absolutely ridiculous", P(angry) near 1) loses
 * almost nothing when one word goes; it then names the words whose removal most lowers the judged class's log-odds
 * (effect 0: none alone moved the shown probability), as for Banglish. A neutral line names none.
 */
function englishDrivers(m: ToneModel, input: string, embedding: Float32Array | null, speaker: ToneSpeaker, angry: boolean, label: SentimentClass): ToneDriver[] {
	const shown = (t: string) => shownProbability(predictTone(m, t, embedding, speaker), angry, label);
	const byWord = drivers(shown, input);
	if (byWord.length > 0 || (!angry && label === 'neutral')) return byWord;
	const logOdds = (t: string) => {
		const p = Math.min(Math.max(shown(t), 1e-15), 1 - 1e-15);
		return Math.log(p / (1 - p));
	};
	return byLogOdds(logOdds, input);
}

/** The Latin-letter words whose removal most lowers `logOdds`, with effect 0: none alone moved the shown probability. */
const byLogOdds = (logOdds: (text: string) => number, input: string): ToneDriver[] => drivers(logOdds, input, false, 0.05).map((d) => ({ word: d.word, effect: 0 }));

let bengaliModel: BengaliModel | null = null;
const loadedBengaliModel = () => (bengaliModel ??= decodeBengaliModel(bengaliModelFile as unknown as BengaliModelFile));

/** An estimate in the English model's prediction shape (for the drivers). */
const asPrediction = (e: ToneEstimate): TonePrediction => ({
	anger: e.anger,
	sentiment: [e.sentiment.negative, e.sentiment.neutral, e.sentiment.positive],
	politeness: e.politeness
});

function bengaliAnalysis(input: string, explain: boolean, status: 'bengali' | 'banglish'): TextToneAnalysis {
	const model = loadedBengaliModel();
	const { anger, politeness, sentiment, source, markers } = estimateBengaliToneWith(model, input);
	const estimate: ToneEstimate = { anger, politeness, sentiment, source };
	const tone = bengaliToneLabel(estimate);
	const label: SentimentClass = tone === 'angry' ? 'negative' : tone === 'polite' ? 'positive' : 'neutral';
	const angry = tone === 'angry';
	return {
		...estimate,
		label,
		angry,
		confidence: Math.max(estimate.sentiment.negative, estimate.sentiment.neutral, estimate.sentiment.positive),
		status,
		drivers: explain ? bengaliDrivers(model, input, angry, label, tone, markers, status === 'bengali') : []
	};
}

const HEATING: readonly BengaliMarkerKind[] = ['anger', 'blame', 'rude'];

/**
 * Words that drove a Bengali judgement, by occlusion as for English. A line the model is sure of (several hostile
 * words: P(angry) near 1) loses almost nothing when one word goes; it then names the lexicon's markers of the judged
 * kind (effect 0: each alone did not move it); on a Banglish line, whose words the markers are not, the words whose
 * removal most lowers the judged class's log-odds (effect 0 too).
 */
function bengaliDrivers(
	model: BengaliModel,
	input: string,
	angry: boolean,
	label: SentimentClass,
	tone: BengaliToneLabel,
	markers: { kind: BengaliMarkerKind; text: string }[],
	bengaliScript: boolean
): ToneDriver[] {
	const byWord = drivers((t) => shownProbability(asPrediction(estimateBengaliToneWith(model, t)), angry, label), input, bengaliScript);
	if (byWord.length > 0 || tone === 'neutral') return byWord;
	// the markers are written in Bengali script, so a Banglish line names its own words that most lower the log-odds
	if (!bengaliScript) {
		const judged = (t: string) => bengaliLogOdds(model, t, tone === 'angry' ? 0 : 2);
		return byLogOdds(judged, input);
	}
	return markers
		.filter((k) => HEATING.includes(k.kind) === (tone === 'angry'))
		.slice(0, 3)
		.map((k) => ({ word: k.text, effect: 0 }));
}

/**
 * Text-only tone of one utterance; synchronous: a few ms with the sentence encoder (its worker starts on the first
 * call, ~0.5 s), well under 1 ms for the n-gram heads alone.
 */
export function estimateTextTone(text: string, opts: { speaker?: ToneSpeaker } = {}): ToneEstimate {
	const { anger, sentiment, politeness, source } = analyseTextTone(text, { speaker: opts.speaker });
	return { anger, sentiment, politeness, source };
}

/** The probability at or above which the model calls an utterance angry (chosen on the dev sets). */
export function angerThreshold(): number {
	return loadedModel().angerThreshold;
}
