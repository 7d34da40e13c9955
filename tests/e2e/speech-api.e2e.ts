// The speech and tone API over HTTP, with the real models loaded by the e2e server.
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { encodeWav } from '../../src/lib/audio/wav-encode';
import { parseWav } from '../../src/lib/server/ml/wav';
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
	// read as an agent's line (what the simulator does for a trainee): the agent anger head, same sentiment
	const line = 'Fine. Whatever. I have noted it, again.';
	const asAgent = await (await api.post('/api/text/tone', { data: { text: line, speaker: 'agent' } })).json();
	const asAny = await (await api.post('/api/text/tone', { data: { text: line } })).json();
	expect(asAgent.tone.sentiment).toEqual(asAny.tone.sentiment);
	expect(asAgent.tone.anger).not.toBe(asAny.tone.anger);
	expect((await api.post('/api/text/tone', { data: { text: line, speaker: 'customer' } })).status()).toBe(422);
});

test('is only for signed-in users', async ({ baseURL }) => {
	const anon = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
	expect((await anon.post('/api/text/tone', { data: { text: 'hi' } })).status()).toBe(401);
	expect((await anon.get('/api/speech/status')).status()).toBe(401);
	await anon.dispose();
});

test('streams a turn in numbered chunks: running transcript, retries, gaps, the final analysis, and only for its owner', async ({ baseURL }) => {
	const samples = parseWav(readWav(spokenWav('Thank you for calling, how can I help you today?'))).samples;
	const third = Math.ceil(samples.length / 3);
	const chunk = (i: number) => Buffer.from(encodeWav(samples.subarray(i * third, (i + 1) * third)));
	const opened = await api.post('/api/speech/streams');
	expect(opened.status(), await opened.text()).toBe(201);
	const { id, maxSec } = await opened.json();
	expect(id).toMatch(/^[\w-]{20,}$/);
	expect(maxSec).toBe(60);
	const url = (q: string) => `/api/speech/streams/${id}?${q}`;

	const first = await api.post(url('seq=0'), { data: chunk(0), headers: wavHeaders });
	expect(await first.json()).toEqual({ stream: { samples: third, durationSec: third / 16000 } });
	const running = await (await api.post(url('seq=1&then=transcribe'), { data: chunk(1), headers: wavHeaders })).json();
	expect(running.stream.samples).toBe(2 * third);
	expect(running.transcript === null ? running.busy : running.transcript.speech).toBe(true);
	// a retried chunk is not added twice; a gap is refused with the chunk expected
	expect((await (await api.post(url('seq=1'), { data: chunk(1), headers: wavHeaders })).json()).stream.samples).toBe(2 * third);
	const gap = await api.post(url('seq=3'), { data: chunk(2), headers: wavHeaders });
	expect(gap.status()).toBe(409);
	expect(await gap.json()).toMatchObject({ error: { code: 'out_of_order', message: expect.stringContaining('send chunk 2') } });

	// another user cannot add to it or read it
	const other = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.22', origin: baseURL! } });
	await loginRequest(other, 'tom', baseURL!);
	const stolen = await other.post(url('seq=2&then=analyze'), { data: chunk(2), headers: wavHeaders });
	expect(stolen.status()).toBe(404);
	expect((await other.delete(`/api/speech/streams/${id}`)).status()).toBe(404);
	await other.dispose();

	const final = await api.post(url('seq=2&then=analyze&baselineRmsDb=-24'), { data: chunk(2), headers: wavHeaders });
	expect(final.status(), await final.text()).toBe(200);
	const { stream, analysis } = await final.json();
	expect(stream.samples).toBe(samples.length);
	expect(analysis.transcript.text.toLowerCase()).toContain('help you');
	expect(analysis.transcript.durationSec).toBeCloseTo(samples.length / 16000, 3);
	expect(analysis.tone.source).toBe('text+prosody');
	// the final answer closes the stream
	expect((await api.post(url('seq=3'), { data: chunk(0), headers: wavHeaders })).status()).toBe(404);
});

test('refuses bad stream chunks and closes a stream on DELETE', async () => {
	const { id } = await (await api.post('/api/speech/streams')).json();
	const url = (q: string) => `/api/speech/streams/${id}?${q}`;
	const noSeq = await api.post(`/api/speech/streams/${id}`, { data: Buffer.from(encodeWav(new Float32Array(160))), headers: wavHeaders });
	expect(noSeq.status()).toBe(400);
	expect((await noSeq.json()).error.field).toBe('seq');
	expect((await api.post(url('seq=0&then=later'), { data: Buffer.from(encodeWav(new Float32Array(160))), headers: wavHeaders })).status()).toBe(400);
	expect((await api.post(url('seq=0'), { data: Buffer.from('not audio'), headers: { 'content-type': 'audio/mpeg' } })).status()).toBe(415);
	expect((await api.post(url('seq=0'), { data: Buffer.from(encodeWav(new Float32Array(16000 * 40))), headers: wavHeaders })).status()).toBe(200);
	const tooLong = await api.post(url('seq=1'), { data: Buffer.from(encodeWav(new Float32Array(16000 * 25))), headers: wavHeaders });
	expect(tooLong.status()).toBe(413);
	expect((await tooLong.json()).error.code).toBe('too_long');
	expect((await api.delete(`/api/speech/streams/${id}`)).status()).toBe(204);
	expect((await api.delete(`/api/speech/streams/${id}`)).status()).toBe(404);
});

test('a stream can name the trainee’s own call (its names prompt Whisper), not someone else’s', async ({ baseURL }) => {
	const started = await api.post('/api/calls', { data: { scenarioSlug: 'sales-enquiry' } });
	expect(started.status(), await started.text()).toBe(201);
	const call = await started.json();
	const own = await api.post('/api/speech/streams', { data: { callId: call.id } });
	expect(own.status(), await own.text()).toBe(201);
	// whisper-tiny (the default) is not prompted: it measured worse with the names
	expect(await own.json()).toMatchObject({ id: expect.any(String), prompted: false });

	const other = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.23', origin: baseURL! } });
	await loginRequest(other, 'tom', baseURL!);
	expect((await other.post('/api/speech/streams', { data: { callId: call.id } })).status()).toBe(403);
	expect((await other.post('/api/speech/streams', { data: { callId: '00000000-0000-4000-8000-000000000000' } })).status()).toBe(404);
	const unknownField = await other.post('/api/speech/streams', { data: { callId: call.id, model: 'large' } });
	expect(unknownField.status()).toBe(422);
	const broken = await other.post('/api/speech/streams', { data: Buffer.from('{"callId":'), headers: { 'content-type': 'application/json' } });
	expect(broken.status()).toBe(400);
	expect((await broken.json()).error.code).toBe('malformed_json');
	await other.dispose();
});
