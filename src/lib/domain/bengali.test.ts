import { describe, expect, it } from 'vitest';
import { bengaliMonth, bengaliShare, foldBengaliName, hasBengali, latinDigits, nameSkeleton, stemBengali } from './bengali';
import { Vocabulary, findPhrase, normaliseWords, stemWord } from './call/text-match';

const nfkd = (s: string) => s.normalize('NFKD');

describe('Bengali text', () => {
	it('reads Bengali digits as digits', () => {
		expect(latinDigits('০১৭১১-২২৩৩৪৪')).toBe('01711-223344');
		expect(latinDigits('৳৮,৭৫০ and 12')).toBe('৳8,750 and 12');
	});
	it('tells Bengali script from Latin (Banglish is Latin)', () => {
		expect(hasBengali('আমি দুঃখিত')).toBe(true);
		expect(hasBengali('ami dukkhito')).toBe(false);
		expect(bengaliShare('আমি sorry')).toBeCloseTo(3 / 8, 5);
		expect(bengaliShare('12 34')).toBe(0);
	});
	it('knows the month names as typed, with their spelling variants', () => {
		expect(bengaliMonth('মার্চ')).toBe(3);
		expect(bengaliMonth('জানুয়ারী')).toBe(1);
		expect(bengaliMonth('আগষ্ট')).toBe(8);
		expect(bengaliMonth('সোমবার')).toBe(0);
	});
});

describe('the matcher on Bengali', () => {
	it('keeps Bengali words, folds digits and thousands separators, drops the taka sign and the danda', () => {
		expect(normaliseWords('বিল ৳৮,৭৫০ টাকা।')).toEqual(['বিল', '8750', 'টাকা'].map(nfkd));
	});
	it('never applies the English Porter stemmer to Bengali words', () => {
		// Porter would leave these alone only by luck; the Bengali path strips endings, not English suffixes
		expect(stemWord(nfkd('সমস্যাটার'))).toBe(nfkd('সমস্যা'));
		expect(stemWord(nfkd('লাইনে'))).toBe(nfkd('লাইন'));
		expect(stemWord(nfkd('থাকবেন'))).toBe(stemWord(nfkd('থাকুন')));
	});
	it('keeps the three forms of "you" apart and never turns a word into a negation', () => {
		const forms = ['আপনি', 'তুমি', 'তুই', 'আপনার', 'তোমার', 'তোর'].map((w) => stemBengali(nfkd(w)));
		expect(new Set(forms).size).toBe(6);
		expect(stemBengali(nfkd('নিতে'))).not.toBe(nfkd('নি'));
	});
	it('meets a word and its inflected form at one stem', () => {
		for (const [a, b] of [['লেনদেন', 'লেনদেনটা'], ['ঠিকানা', 'ঠিকানায়'], ['ডেলিভারি', 'ডেলিভারির'], ['আমাদের', 'আমাদেরই']]) {
			expect(stemBengali(nfkd(b)), `${a} / ${b}`).toBe(stemBengali(nfkd(a)));
		}
	});
	it('folds Banglish into Bengali in a Bengali scenario only', () => {
		const bn = new Vocabulary({}, 'bn');
		const en = new Vocabulary({});
		const phrase = bn.phrase('দুঃখিত');
		expect(findPhrase(bn.words('Ami khub dukkhito'), phrase)).not.toBeNull();
		expect(findPhrase(bn.words('আমি খুব দুঃখিত'), phrase)).not.toBeNull();
		expect(en.words('Ami khub dukkhito')).toEqual(['ami', 'khub', 'dukkhito']);
	});
	it('reads a Bengali negation after the words: "আপনার দোষ না" is not blame', () => {
		const v = new Vocabulary({}, 'bn');
		expect(findPhrase(v.words('এটা আপনার দোষ'), v.phrase('আপনার দোষ'))).not.toBeNull();
		expect(findPhrase(v.words('এটা আপনার দোষ না, আমাদের ভুল'), v.phrase('আপনার দোষ'))).toBeNull();
		// a phrase that is itself negative still matches
		expect(findPhrase(v.words('আমাদের কিছু করার নেই'), v.phrase('কিছু করার নেই'))).not.toBeNull();
	});
	it('matches text typed with precomposed or decomposed letters alike', () => {
		const v = new Vocabulary({}, 'bn');
		const composed = 'অপেক্ষা করার জন্য ধন্যবাদ'.normalize('NFC');
		const decomposed = composed.normalize('NFD');
		expect(v.words(decomposed)).toEqual(v.words(composed));
	});
});

describe('Bengali names', () => {
	it('fold common spelling variants', () => {
		expect(foldBengaliName('উদ্দীন')).toBe(foldBengaliName('উদ্দিন'));
		expect(foldBengaliName('শাহানা')).toBe(foldBengaliName('সাহানা'));
		expect(foldBengaliName('রহিম')).not.toBe(foldBengaliName('করিম'));
	});
	it('have the same consonant skeleton in both scripts', () => {
		expect(nameSkeleton('রহিম উদ্দিন')).toBe(nameSkeleton('Rahim Uddin'));
		expect(nameSkeleton('শাহানা আক্তার')).toBe(nameSkeleton('Shahana Akter'));
		expect(nameSkeleton('নুসরাত জাহান')).toBe(nameSkeleton('Nusrat Jahan'));
		expect(nameSkeleton('রহিম')).not.toBe(nameSkeleton('Karim'));
	});
});
