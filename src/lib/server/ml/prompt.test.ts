// Whisper prompted with the call's names, with the real whisper-base model and espeak-ng clips.
import { beforeAll, describe, expect, it } from 'vitest';
import { readWav, spokenWav, wordErrorRate } from '../../../../tests/fixtures/speech';
import { SpeechModelRegistry, speechConfig } from './models';
import { promptText, transcribe } from './speech';
import { parseWav } from './wav';

describe('promptText', () => {
	it('turns the vocabulary into short sentences, without blanks or repeats', () => {
		expect(promptText(['Meridian Energy', ' Denise  Okafor ', '', 'Fay.', 'Meridian Energy'])).toBe(' Meridian Energy. Denise Okafor. Fay.');
		expect(promptText([])).toBe('');
	});
});

describe('speechConfig prompt', () => {
	it('is on for base and off for tiny unless WHISPER_PROMPT says otherwise', () => {
		expect(speechConfig({ WHISPER_MODEL: 'base' }).prompt).toBe(true);
		expect(speechConfig({}).prompt).toBe(false);
		expect(speechConfig({ WHISPER_MODEL: 'base', WHISPER_PROMPT: '0' }).prompt).toBe(false);
		expect(speechConfig({ WHISPER_PROMPT: '1' }).prompt).toBe(true);
	});
});

describe('whisper-base with the call’s names', () => {
	const registry = new SpeechModelRegistry(speechConfig({ ...process.env, WHISPER_MODEL: 'base' }));
	beforeAll(async () => {
		await registry.load();
		expect(registry.whisperStatus.state).toBe('ready');
	}, 120_000);

	it('spells the company and the names right, and never returns the prompt itself', async () => {
		const vocabulary = ['Meridian Energy', 'Denise Okafor', 'Fay'];
		const sentences = ['Good morning, Meridian Energy, my name is Fay. How can I help?', 'Thank you for calling Meridian Energy, this is Alex speaking.', 'Thank you Mrs Okafor, I can see your account now.'];
		let plainErrors = 0;
		let promptedErrors = 0;
		const heard: string[] = [];
		for (const s of sentences) {
			const wav = parseWav(readWav(spokenWav(s)));
			const plain = await transcribe(wav, { pass: 'final' }, registry);
			const prompted = await transcribe(wav, { pass: 'final', vocabulary }, registry);
			heard.push(`${plain.text} | ${prompted.text}`);
			plainErrors += wordErrorRate(s, plain.text).errors;
			promptedErrors += wordErrorRate(s, prompted.text).errors;
			expect(prompted.text).not.toMatch(/Denise Okafor\. Fay/);
		}
		expect(promptedErrors, heard.join('\n')).toBeLessThan(plainErrors);
		const first = await transcribe(parseWav(readWav(spokenWav(sentences[0]))), { pass: 'final', vocabulary }, registry);
		expect(first.text).toContain('Meridian Energy');
	}, 120_000);
});
