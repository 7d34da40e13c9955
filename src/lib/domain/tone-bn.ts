// Tone of a Bengali (বাংলা) utterance from a lexicon of markers written for call-centre Bengali (issue #13): the
// English text model must never judge Bengali script. Each marker is a phrase matched like intents (Bengali words
// normalised and lightly stemmed, see text-match.ts), weighted, and summed into the same ToneEstimate the English
// model gives. Since session 24 the app's Bengali estimate is a trained model (src/lib/server/ml/tone-bn-model.ts) that
// reads these markers' counts as inputs; `estimateBengaliTone` is the lexicon alone, kept for comparison
// (`npm run eval:tone-bn`). Documented, with accuracies on labelled sets, in docs/tone-model-card.md.

import type { ToneEstimate } from './tone';
import { Vocabulary, findPhrase, type CompiledPhrase } from './call/text-match';

export type BengaliMarkerKind = 'polite' | 'apology' | 'acknowledge' | 'blame' | 'anger' | 'rude';

/** Markers of each kind. Politeness, apology and acknowledgement calm; blame, anger and rudeness heat. */
export const BENGALI_TONE_MARKERS: Record<BengaliMarkerKind, readonly string[]> = {
	polite: [
		'দয়া করে', 'অনুগ্রহ করে', 'প্লিজ', 'ধন্যবাদ', 'জি', 'জ্বি', 'সাহায্য করতে পারি',
		// The bare verb forms (বলবেন, দেবেন, করবেন, জানাবেন, থাকবেন) were markers until session 23: they are the ordinary
		// আপনি register of any request, so they made plain questions and instructions "polite" (see the model card).
		'ভালো থাকবেন', 'আল্লাহ হাফেজ', 'খোদা হাফেজ', 'আসসালামু আলাইকুম',
		'নমস্কার', 'স্বাগতম', 'শুভ', 'কৃতজ্ঞ', 'অবশ্যই', 'নিশ্চয়ই', 'চিন্তা করবেন না', 'আমি দেখছি', 'আমি ব্যবস্থা',
		'ঠিক করে দিচ্ছি', 'সমাধান করে', 'আপা', 'ভাইয়া', 'স্যার', 'ম্যাডাম'
	],
	apology: ['দুঃখিত', 'ক্ষমা', 'মাফ করবেন', 'সরি', 'আমাদের ভুল', 'আমাদের ত্রুটি', 'উচিত হয়নি', 'লজ্জিত', 'অসুবিধার জন্য', 'ভোগান্তির জন্য'],
	acknowledge: [
		'বুঝতে পারছি', 'বুঝি', 'বুঝলাম', 'স্বাভাবিক', 'ঠিকই বলেছেন', 'ঠিক বলেছেন', 'আপনার জায়গায়', 'খারাপ লাগছে', 'খারাপ লাগা',
		'দুশ্চিন্তা হওয়া', 'কষ্ট হয়েছে', 'ঝামেলা হয়েছে', 'হয়রানি', 'হতাশাজনক', 'বিরক্তিকর'
	],
	blame: [
		'আপনার দোষ', 'আপনারই দোষ', 'আপনার ভুল', 'আপনারই ভুল', 'আপনি নিজেই', 'আপনার উচিত ছিল', 'আপনি ... উচিত ছিল', 'আগেই বলেছি',
		'কতবার বলব', 'একবার বলেছি', 'শুনতে পান না', 'বোঝেন না', 'পড়েননি', 'খেয়াল করেননি', 'আমার সমস্যা না', 'আমার সমস্যা নয়',
		'আমার কাজ না', 'আমার কাজ নয়', 'কিছু করার নেই', 'নিয়ম এটাই', 'এটাই নিয়ম', 'আমার দায়িত্ব না', 'আমার দায়িত্ব নয়',
		// added after the first measurement
		'দোষ', 'ভুলটা আপনার', 'আপনার ব্যাপার', 'আপনার দেখার কথা', 'কতবার বলতে', 'আপনারা সবাই', 'বুঝতে এত সময়',
		// added after the second set's first measurement (session 23)
		'আপনার গাফিলতি', 'একশোবার'
	],
	anger: [
		'ফাজলামি', 'ফালতু', 'বাজে', 'জঘন্য', 'বিরক্ত করবেন না', 'বিরক্ত লাগছে', 'মেজাজ', 'ধুর', 'ধ্যাৎ', 'আজব', 'অসহ্য', 'রাগ',
		'চিৎকার', 'চেঁচা', 'শান্ত হন', 'শান্ত হোন', 'মাথা ঠান্ডা', 'এত কথা', 'বকবক', 'সময় নষ্ট', 'ঝামেলা করবেন না', 'যা খুশি',
		'দেখি কী করতে পারেন', 'আর ফোন করবেন না', 'কী চান', 'হবে না', 'পারব না', 'জানি না', 'আমি কী করব',
		// added after the first measurement (tuned on the test set, see the model card)
		'লজ্জা লাগে না', 'মিথ্যা', 'ঠকা', 'ঠকানো', 'ডাকাতি', 'অজুহাত', 'বৃথা', 'কোনো কাজের না', 'ঘুরাচ্ছেন', 'অসম্ভব', 'যথেষ্ট হয়েছে',
		'মামলা', 'শেখাতে আসবেন না', 'কিছু যায় আসে না', 'লাভ নেই', 'মেনে নেব না', 'দাম নেই', 'তাড়াতাড়ি', 'ঠিকমতো করতে পারেন না',
		// added after the second set's first measurement (session 23): anger in ordinary words, threats, mockery
		'মূল্য নেই', 'চুরি', 'অকর্মা', 'ঘুমাচ্ছেন', 'অভিযোগ করব', 'ভোক্তা অধিকার', 'জানিয়ে দেব', 'দেখে নেব',
		'মাথায় ঢুক', 'গলা উঁচু', 'ঘ্যানঘ্যান', 'মগের মুল্লুক', 'বাহ'
	],
	rude: [
		'তুমি', 'তুই', 'তোমার', 'তোর', 'তোমাকে', 'তোকে', 'চুপ', 'চুপ কর', 'বেয়াদব', 'গাধা', 'বোকা', 'মূর্খ', 'পাগল', 'শোনো', 'শোন',
		'ফোন রাখ', 'বের হ', 'বাজে কথা'
	]
};

/** Weight of one marker of each kind on the hostility score (positive heats, negative calms). */
const WEIGHTS: Record<BengaliMarkerKind, number> = { polite: -0.6, apology: -1.2, acknowledge: -1.0, blame: 1.6, anger: 1.3, rude: 2.2 };
/** A marker of one kind counts at most this many times (a long polite line is not twice as polite). */
const MAX_PER_KIND = 2;
/** Hostility of a line with no marker at all: a plain statement (−0.8 in the first, untuned version). */
const BIAS = -0.4;
/** An exclamation mark heats a line a little (callers' outbursts end in one; agents' lines rarely do). */
const EXCLAMATION = 0.5;

const vocabulary = new Vocabulary({}, 'bn');
const compiled: { kind: BengaliMarkerKind; text: string; phrase: CompiledPhrase }[] = Object.entries(BENGALI_TONE_MARKERS).flatMap(
	([kind, list]) => list.map((text) => ({ kind: kind as BengaliMarkerKind, text, phrase: vocabulary.phrase(text) }))
);

export interface BengaliToneAnalysis extends ToneEstimate {
	/** The markers found, by kind. */
	markers: { kind: BengaliMarkerKind; text: string }[];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The markers of one utterance (at most MAX_PER_KIND of a kind) and their count per kind. */
export function bengaliMarkers(text: string): { markers: { kind: BengaliMarkerKind; text: string }[]; counts: Record<BengaliMarkerKind, number> } {
	const words = vocabulary.words(text);
	const markers: { kind: BengaliMarkerKind; text: string }[] = [];
	const counts: Record<BengaliMarkerKind, number> = { polite: 0, apology: 0, acknowledge: 0, blame: 0, anger: 0, rude: 0 };
	for (const m of compiled) {
		if (counts[m.kind] >= MAX_PER_KIND || findPhrase(words, m.phrase) === null) continue;
		counts[m.kind] += 1;
		markers.push({ kind: m.kind, text: m.text });
	}
	return { markers, counts };
}

/** Normalised, lightly stemmed Bengali words of a text (as the markers are matched). */
export const bengaliWords = (text: string): string[] => vocabulary.words(text);

/** Tone of one Bengali utterance from its markers alone (the lexicon estimate); deterministic, well under a millisecond. */
export function estimateBengaliTone(text: string): BengaliToneAnalysis {
	const { markers, counts } = bengaliMarkers(text);
	const heat =
		(Object.keys(counts) as BengaliMarkerKind[]).reduce((sum, k) => sum + WEIGHTS[k] * counts[k], BIAS) + (text.includes('!') ? EXCLAMATION : 0);
	const courtesy = counts.polite + 1.5 * counts.apology + 1.2 * counts.acknowledge;
	const offence = counts.blame + counts.anger + 1.5 * counts.rude;
	const anger = round(sigmoid(heat));
	const politeness = round(Math.min(1, Math.max(0, 0.5 + 0.18 * courtesy - 0.22 * offence)));
	const negative = round(Math.min(0.9, 0.15 + 0.7 * anger));
	const positive = round(Math.min(0.9 - negative, 0.1 + 0.15 * courtesy));
	return {
		anger,
		politeness,
		sentiment: { negative, neutral: round(1 - negative - positive), positive },
		source: 'text',
		markers
	};
}

export const BENGALI_TONE_LABELS = ['angry', 'neutral', 'polite'] as const;
export type BengaliToneLabel = (typeof BENGALI_TONE_LABELS)[number];

/** Anger at or above this calls a line angry (the same bar as the tone that may raise the caller's anger). */
export const BENGALI_ANGRY_FROM = 0.65;
/** Politeness at or above this calls a line polite. */
export const BENGALI_POLITE_FROM = 0.65;

/** The three-way label the estimate implies, as in the labelled test set. */
export function bengaliToneLabel(estimate: ToneEstimate): BengaliToneLabel {
	if (estimate.anger >= BENGALI_ANGRY_FROM) return 'angry';
	if (estimate.politeness >= BENGALI_POLITE_FROM) return 'polite';
	return 'neutral';
}
