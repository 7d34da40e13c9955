import { describe, expect, it } from 'vitest';
import { Vocabulary, findPhrase, normaliseWords } from './text-match';

describe('normaliseWords', () => {
	it('lower-cases, expands contractions and drops punctuation', () => {
		expect(normaliseWords("I'm SO sorry — that's not right!")).toEqual(['i', 'am', 'so', 'sorry', 'that', 'is', 'not', 'right']);
	});
	it('treats curly apostrophes like straight ones and drops the possessive s', () => {
		expect(normaliseWords('I can’t see the customer’s bill')).toEqual(['i', 'can', 'not', 'see', 'the', 'customer', 'bill']);
	});
	it('keeps digits of amounts as separate words', () => {
		expect(normaliseWords('£84.20 on 14/03')).toEqual(['84', '20', 'on', '14', '03']);
	});
});

describe('phrase matching', () => {
	const vocabulary = new Vocabulary({ bill: ['invoice', 'statement'], 'direct debit': ['dd'] });
	it('matches a phrase written with a synonym', () => {
		expect(findPhrase(vocabulary.words('Your last invoice was wrong'), vocabulary.phrase('last bill'))).not.toBeNull();
	});
	it('folds multi-word synonyms', () => {
		expect(vocabulary.words('cancel the DD please')).toEqual(['cancel', 'the', 'direct', 'debit', 'pleas']);
	});
	it('allows words in between where the phrase says ...', () => {
		const phrase = vocabulary.phrase('this is ... speaking');
		expect(findPhrase(vocabulary.words('Hello, this is Priya at Northwind speaking'), phrase)).not.toBeNull();
		expect(findPhrase(vocabulary.words('speaking of which, this is odd'), phrase)).toBeNull();
	});
	it('treats regex characters in YAML phrases as plain text', () => {
		expect(findPhrase(vocabulary.words('a.*b'), vocabulary.phrase('(.*)+'))).toBeNull();
		expect(vocabulary.phrase('(.*)+')).toEqual([]);
	});
	it('does not match a word inside a longer word', () => {
		expect(findPhrase(vocabulary.words('this is history'), vocabulary.phrase('hi'))).toBeNull();
	});
});
