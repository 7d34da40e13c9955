// The speech and tone API over HTTP, with the real models loaded by the e2e server.
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { encodeWav } from '../../src/lib/audio/wav-encode';
import { readWav, spokenWav } from '../fixtures/speech';
import { loginRequest } from './fixtures';

let api: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
	api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.21', origin: baseURL! } });
	await loginRequest(api, 'priya', baseURL!);
	// the models load in the background after start-up
	await expect
		.poll(async () => (await (await api.get('/api/speech/status')).json()).voice, { timeout: 60_000, intervals: [500] })
		.toBe('ready');
});
test.afterAll(() => api.dispose());

const wavHeaders = { 'content-type': 'audio/wav' };

test('transcribes a spoken WAV and analyses its tone', async () => {
	const wav = readWav(spokenWav('Thank you for calling, how can I help you today?'));
	const t = await api.post('/api/speech/transcribe', { data: Buffer.from(wav), headers: wavHeaders });
	expect(t.status(), await t.text()).toBe(200);
	const body = await t.json();
	expect(body.speech).toBe(true);
	expect(body.text.toLowerCase()).toContain('help you');
	expect(body.segments[0]).toMatchObject({ start: expect.any(Number), end: expect.any(Number), text: body.text });
	expect(body.timings.totalMs).toBeGreaterThan(0);

	const a = await api.post('/api/speech/analyze?baselineRmsDb=-24&customer=0-0.3', { data: Buffer.from(wav), headers: wavHeaders });
	expect(a.status(), await a.text()).toBe(200);
	const analysis = await a.json();
	expect(analysis.prosody).toMatchObject({ baseline: 'speaker', wordsPerMinute: expect.any(Number) });
	expect(analysis.tone.source).toBe('text+prosody');
	expect(analysis.tone.politeness).toBeGreaterThan(0.5);
});

test('answers silence with empty text and speech:false', async () => {
	const res = await api.post('/api/speech/transcribe', { data: Buffer.from(encodeWav(new Float32Array(16000))), headers: wavHeaders });
	expect(res.status(), await res.text()).toBe(200);
	expect(await res.json()).toMatchObject({ text: '', speech: false, segments: [] });
});

test('refuses bad audio with 415, 413 and 400', async () => {
	const notWav = await api.post('/api/speech/transcribe', { data: Buffer.from('ID3 definitely an mp3'), headers: { 'content-type': 'audio/mpeg' } });
	expect(notWav.status()).toBe(415);
	expect((await notWav.json()).error.code).toBe('not_wav');
	const garbage = await api.post('/api/speech/transcribe', { data: Buffer.from('hello world, not audio'), headers: wavHeaders });
	expect(garbage.status()).toBe(415);

	const tooLong = await api.post('/api/speech/analyze', { data: Buffer.from(encodeWav(new Float32Array(16000 * 61))), headers: wavHeaders });
	expect(tooLong.status()).toBe(413);
	expect((await tooLong.json()).error.code).toBe('too_long');

	const truncated = await api.post('/api/speech/transcribe', { data: Buffer.from(encodeWav(new Float32Array(16000)).subarray(0, 30)), headers: wavHeaders });
	expect(truncated.status()).toBe(400);
	expect((await truncated.json()).error.code).toBe('truncated');

	const badQuery = await api.post('/api/speech/analyze?customer=soon', { data: Buffer.from(encodeWav(new Float32Array(1600))), headers: wavHeaders });
	expect(badQuery.status()).toBe(400);
	expect((await badQuery.json()).error.field).toBe('customer');
});

test('refuses more than 2 MB before reading it', async ({ baseURL }) => {
	// own context: the server answers 413 without reading the body and then drops the connection
	const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.21', origin: baseURL! } });
	await loginRequest(ctx, 'priya', baseURL!);
	const tooBig = await ctx.post('/api/speech/transcribe', { data: Buffer.alloc(2 * 1024 * 1024 + 10), headers: wavHeaders });
	expect(tooBig.status()).toBe(413);
	await ctx.dispose();
});

test('estimates the tone of a text and validates it', async () => {
	const angry = await (await api.post('/api/text/tone', { data: { text: 'This is ridiculous, stop wasting my time!' } })).json();
	const polite = await (await api.post('/api/text/tone', { data: { text: 'Thank you so much for your patience.' } })).json();
	expect(angry.tone.anger).toBeGreaterThan(polite.tone.anger);
	expect(polite.tone.politeness).toBeGreaterThan(angry.tone.politeness);
	const tooLong = await api.post('/api/text/tone', { data: { text: 'x'.repeat(2001) } });
	expect(tooLong.status()).toBe(422);
});

test('is only for signed-in users', async ({ baseURL }) => {
	const anon = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
	expect((await anon.post('/api/text/tone', { data: { text: 'hi' } })).status()).toBe(401);
	expect((await anon.get('/api/speech/status')).status()).toBe(401);
	await anon.dispose();
});
