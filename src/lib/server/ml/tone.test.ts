import { describe, expect, it } from 'vitest';
import { analyseTextTone, angerThreshold, estimateTextTone, toneInputStatus } from './tone';
import { withoutAddresses } from './tone-features';
import { TONE_RAISES_FROM } from '../../domain/call/anger';

describe('estimateTextTone (committed model)', () => {
	it('ranks angry trainee replies above polite ones', () => {
		const angry = [
			'This is ridiculous, I already told you that twice!',
			'Stop wasting my time and just read the screen.',
			'I am so annoyed with your constant complaining.',
			'That is not my problem, deal with it yourself.'
		];
		const polite = [
			'Thank you so much for your patience, I will sort this out for you.',
			'I completely understand, let me check that for you right away.',
			'Could you please confirm your date of birth? Thanks a lot.',
			'I am sorry for the trouble, I really appreciate you calling us.'
		];
		const a = angry.map((t) => estimateTextTone(t));
		const p = polite.map((t) => estimateTextTone(t));
		for (const x of a) for (const y of p) expect(x.anger).toBeGreaterThan(y.anger);
		for (const x of a) for (const y of p) expect(x.politeness).toBeLessThan(y.politeness);
		expect(a.filter((x) => x.anger >= angerThreshold()).length).toBeGreaterThanOrEqual(3);
		// Sentiment by the labelling guide (docs/tone-labelling-guide.md): the angry lines are negative; an empathy
		// statement is neutral, so compare positivity on average rather than pair by pair. Apologies are still read as
		// negative (GoEmotions: remorse), a known limit in the model card, so the apology is left out of the label check.
		for (const t of angry) expect(analyseTextTone(t).label).toBe('negative');
		for (const t of polite.slice(0, 3)) expect(analyseTextTone(t).label).not.toBe('negative');
		const meanPositive = (xs: typeof a) => xs.reduce((s, x) => s + x.sentiment.positive, 0) / xs.length;
		expect(meanPositive(p)).toBeGreaterThan(meanPositive(a) + 0.3);
	});

	it('returns a probability distribution for sentiment and 0–1 scores for anything', () => {
		for (const text of ['', '   ', '!!!', 'ok', 'x'.repeat(5000), 'Ünïcödé 😀 [NAME]']) {
			const t = estimateTextTone(text);
			expect(t.source).toBe('text');
			const { negative, neutral, positive } = t.sentiment;
			expect(negative + neutral + positive).toBeCloseTo(1, 5);
			for (const v of [t.anger, t.politeness, negative, neutral, positive]) {
				expect(v).toBeGreaterThanOrEqual(0);
				expect(v).toBeLessThanOrEqual(1);
			}
		}
	});
});

describe('analyseTextTone: bad input gets a defined answer', () => {
	const neutralLow = (text: string, status: string) => {
		const t = analyseTextTone(text, { explain: true });
		expect(t.status).toBe(status);
		expect(t.label).toBe('neutral');
		expect(t.angry).toBe(false);
		expect(t.confidence).toBeLessThanOrEqual(0.6);
		expect(t.drivers).toEqual([]);
		expect(estimateTextTone(text).sentiment).toEqual(t.sentiment);
	};

	it('empty or blank text → neutral, low confidence, "empty"', () => {
		neutralLow('', 'empty');
		neutralLow('   \n\t ', 'empty');
	});

	it('emoji, digits or punctuation only → neutral, low confidence, "no-words"', () => {
		neutralLow('😡😡😡', 'no-words');
		neutralLow('🙂👍', 'no-words');
		neutralLow('!!! ??? 123', 'no-words');
	});

	it('4,000 characters of one word → neutral, low confidence, "repetitive"', () => {
		neutralLow('ridiculous '.repeat(364).slice(0, 4000), 'repetitive');
		neutralLow('a'.repeat(4000), 'repetitive');
		neutralLow('x'.repeat(5000), 'repetitive');
	});

	it('non-English or mostly non-Latin (mixed) script → neutral, low confidence, "not-english"', () => {
		neutralLow('Esto es inaceptable, llevo tres semanas esperando el reembolso.', 'not-english');
		neutralLow('Je voudrais annuler ma commande, elle est arrivée cassée.', 'not-english');
		neutralLow('Это возмутительно, я жду уже час!', 'not-english');
		neutralLow('我的退款在哪里？已经三个星期了 refund', 'not-english');
		neutralLow('お問い合わせ番号は 12345 です', 'not-english');
	});

	it('still reads English with a little other script, an emoji or an odd long token', () => {
		expect(toneInputStatus('This is ridiculous 😡 I have been waiting for an hour')).toBe('ok');
		expect(toneInputStatus('My name is Zoë Müller and the café order never arrived, 谢谢')).toBe('ok');
		expect(toneInputStatus('Refund. Now. Please.')).toBe('ok');
		expect(toneInputStatus('no no no')).toBe('ok');
		const t = analyseTextTone('This is ridiculous 😡 I have been waiting on hold for an hour!');
		expect(t.status).toBe('ok');
		expect(t.label).toBe('negative');
	});

	it('reads only the first 2,000 characters and stays well-formed for long text', () => {
		const long = 'I have been waiting for my refund for weeks and nobody calls back. '.repeat(80);
		const t = analyseTextTone(long, { explain: true });
		expect(t.status).toBe('ok');
		expect(t.label).toBe('negative');
		expect(t.sentiment.negative + t.sentiment.neutral + t.sentiment.positive).toBeCloseTo(1, 5);
	});
});

describe('written messages: who a message is addressed to is not a feeling', () => {
	it('reduces an @handle to "@" and removes web addresses; an e-mail address stays', () => {
		expect(withoutAddresses('@SkyvellAir where is my bag')).toBe('@ where is my bag');
		expect(withoutAddresses('thanks @north_fibre, sorted')).toBe('thanks @, sorted');
		expect(withoutAddresses('see https://example.com/status/123 for the outage')).toBe('see   for the outage');
		expect(withoutAddresses('www.example.com is down again')).toBe('  is down again');
		expect(withoutAddresses('write to help@example.com please')).toBe('write to help@example.com please');
		expect(withoutAddresses('no address here')).toBe('no address here');
	});

	it('gives the same estimate whichever company the message names by its handle', () => {
		const texts = ['3 hours on the tarmac and not even water. thanks a lot', 'can someone DM me about my claim', 'thank you, the engineer was lovely'];
		for (const text of texts) {
			const a = analyseTextTone(`@AeroVale ${text}`, { explain: true });
			const b = analyseTextTone(`@ZorblinTelecom_UK ${text}`, { explain: true });
			expect(b.sentiment).toEqual(a.sentiment);
			expect(b.anger).toBe(a.anger);
			expect(b.drivers.map((d) => d.word)).not.toContain('zorblintelecom_uk');
		}
	});
});

describe('analyseTextTone: drivers', () => {
	it('names the words that drove the judgement, strongest first', () => {
		const t = analyseTextTone('This is absolutely ridiculous, I have been on hold for an hour!', { explain: true });
		expect(t.angry).toBe(true);
		expect(t.drivers.length).toBeGreaterThan(0);
		expect(t.drivers.length).toBeLessThanOrEqual(3);
		expect(t.drivers.map((d) => d.word)).toContain('ridiculous');
		for (let i = 1; i < t.drivers.length; i++) expect(t.drivers[i - 1].effect).toBeGreaterThanOrEqual(t.drivers[i].effect);
		const p = analyseTextTone('Thank you so much, that is brilliant news.', { explain: true });
		expect(p.label).toBe('positive');
		expect(p.drivers.map((d) => d.word).some((w) => ['thank', 'brilliant'].includes(w))).toBe(true);
	});

	it('names the words of a line the model is sure of, where no word alone moves the probability', () => {
		// (model 12 reads session 28's example, "This is ridiculous and completely unacceptable, I've been waiting for two
		// hours.", at 0.9975, where "ridiculous" alone still moves it by 0.02: this line is one it is surer of)
		const text = "I've been on hold for forty minutes, this is absolutely ridiculous and unacceptable.";
		const t = analyseTextTone(text, { explain: true });
		expect(t.angry).toBe(true);
		expect(t.anger).toBeGreaterThan(0.99);
		// each word alone moves P(angry) by less than the 0.02 the drivers ask for: they are ranked by log-odds instead
		expect(t.drivers.length).toBeGreaterThan(0);
		expect(t.drivers.map((d) => d.word)).toContain('ridiculous');
		for (const d of t.drivers) expect(d.effect).toBe(0);
		// a neutral line still names none
		expect(analyseTextTone('Could you read me the reference number, please?', { explain: true }).drivers).toEqual([]);
	});

	it('leaves drivers out unless asked (the simulator path stays fast)', () => {
		expect(analyseTextTone('This is absolutely ridiculous!').drivers).toEqual([]);
	});
});

describe("speaker 'agent': what a trainee says is read by the agent anger head (since model 13)", () => {
	it('reads rude agents angrier than the general heads do, while careful lines stay below where tone raises the caller’s anger', () => {
		// rude agents' lines the general heads (model 12) read below the threshold: curt, no cue word
		const rude = ['Are you thick, or just pretending?', 'I have other customers, you know.', "Fine. Whatever. I've noted it."];
		const careful = [
			"I'm sorry, the refund can't be approved because the item was used, but I can offer a repair.",
			"I'll log this formally as a complaint and pass it to our Customer relations team today.",
			'Let me put you on hold for two minutes while I check with billing, is that okay?'
		];
		const angerOf = (t: string, speaker: 'agent' | 'any') => analyseTextTone(t, { speaker }).anger;
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		expect(sum(rude.map((t) => angerOf(t, 'agent')))).toBeGreaterThan(sum(rude.map((t) => angerOf(t, 'any'))));
		// none reaches the point where a line's tone makes the simulated caller angrier (the complaint-logging line, a
		// known hard case since model 9, is read as angry at the F1 threshold, below that point)
		for (const t of careful) expect(angerOf(t, 'agent'), t).toBeLessThan(TONE_RAISES_FROM);
		for (const t of rude) expect(angerOf(t, 'agent'), t).toBeGreaterThan(angerOf(careful[0], 'agent'));
	});

	it('changes only the anger: sentiment and politeness are the shared heads', () => {
		for (const t of ['Calm down, madam, I heard you the first time.', 'Thanks for holding, the engineer is booked for Tuesday.']) {
			const a = analyseTextTone(t, { speaker: 'agent', explain: true });
			const g = analyseTextTone(t, { explain: true });
			expect(a.sentiment).toEqual(g.sentiment);
			expect(a.politeness).toBe(g.politeness);
			expect(a.label).toBe(g.label);
			expect(estimateTextTone(t, { speaker: 'agent' }).anger).toBe(a.anger);
		}
	});

	it('gives bad input the same defined answer as any other text', () => {
		for (const [text, status] of [
			['', 'empty'],
			['😡😡😡', 'no-words'],
			['a'.repeat(4000), 'repetitive'],
			['Это возмутительно, я жду уже час!', 'not-english']
		] as const) {
			const t = analyseTextTone(text, { speaker: 'agent', explain: true });
			expect(t.status).toBe(status);
			expect(t.angry).toBe(false);
			expect(t.label).toBe('neutral');
			expect(t.drivers).toEqual([]);
		}
		// Bengali goes to the Bengali model whoever speaks
		expect(analyseTextTone('তুই চুপ কর, এটা তোর দোষ!', { speaker: 'agent' }).status).toBe('bengali');
	});

	it('names the words that drove an agent line read as angry', () => {
		const t = analyseTextTone('Look, I have explained this three times already. Are you even listening?', { speaker: 'agent', explain: true });
		expect(t.angry).toBe(true);
		expect(t.drivers.length).toBeGreaterThan(0);
	});
});

describe('Bengali text (issue #13)', () => {
	it('is never judged by the English model: the Bengali model reads it, with status "bengali"', () => {
		const rude = analyseTextTone('তুই চুপ কর, এটা তোর দোষ!');
		expect(rude.status).toBe('bengali');
		expect(rude.angry).toBe(true);
		expect(rude.anger).toBeGreaterThanOrEqual(0.65);
		const polite = analyseTextTone('এই ঝামেলার জন্য আমি আন্তরিকভাবে দুঃখিত, দয়া করে একটু অপেক্ষা করুন।');
		expect(polite.status).toBe('bengali');
		expect(polite.angry).toBe(false);
		expect(polite.politeness).toBeGreaterThan(0.65);
		expect(analyseTextTone('বিলটা আনুমানিক রিডিংয়ে করা হয়েছে।').label).toBe('neutral');
	});
	it('names the Bengali words that drove an angry judgement', () => {
		const words = analyseTextTone('ফালতু কোম্পানি, আপনারই দোষ!', { explain: true }).drivers.map((d) => d.word);
		expect(words.length).toBeGreaterThan(0);
		expect(words.some((w) => /ফালতু|দোষ/.test(w))).toBe(true);
	});
});
