// TurnStream against an in-process stand-in for the HTTP layer that keeps the audio in the real
// AudioStreamStore (the routes themselves are tested over HTTP in tests/e2e/speech-api.e2e.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeWav } from '$lib/audio/wav-encode';
import { AudioStreamStore, StreamError } from '$lib/server/ml/streams';
import { parseWav } from '$lib/server/ml/wav';
import { SpeechApiError, TurnStream } from './speech-client';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const checksum = (x: Float32Array) => x.reduce((s, v, i) => s + v * ((i % 7) + 1), 0).toFixed(3);

function server() {
	const s = {
		store: new AudioStreamStore(),
		requests: [] as string[],
		/** Answer the next chunk request with this failure instead. */
		failNext: null as null | 'network' | 'busy',
		async fetch(url: string, init: RequestInit = {}): Promise<Response> {
			const u = new URL(url, 'http://localhost');
			const method = init.method ?? 'GET';
			s.requests.push(`${method} ${u.pathname}${u.search ? '?' + u.searchParams.get('seq') + ':' + u.searchParams.get('then') : ''}`);
			const body = init.body ? new Uint8Array(await new Response(init.body).arrayBuffer()) : null;
			if (u.pathname === '/api/speech/streams') return json(201, { id: s.store.open(1) });
			if (u.pathname === '/api/speech/analyze') {
				const wav = parseWav(body!);
				return json(200, { transcript: { text: `whole ${wav.samples.length} ${checksum(wav.samples)}` } });
			}
			const id = u.pathname.split('/').pop()!;
			try {
				if (method === 'DELETE') return (s.store.close(id, 1), new Response(null, { status: 204 }));
				const fail = s.failNext;
				s.failNext = null;
				if (fail === 'network') throw new TypeError('Failed to fetch');
				const n = s.store.append(id, 1, Number(u.searchParams.get('seq')), parseWav(body!).samples);
				if (fail === 'busy') return json(503, { error: { code: 'busy', message: 'busy' } });
				const audio = s.store.audio(id, 1).samples;
				if (u.searchParams.get('then') === 'analyze') {
					s.store.close(id, 1);
					return json(200, { stream: { samples: n }, analysis: { transcript: { text: `final ${n} ${checksum(audio)}` } } });
				}
				return json(200, { stream: { samples: n }, transcript: { text: `heard ${n}` } });
			} catch (e) {
				if (e instanceof StreamError) return json(e.status, { error: { code: e.code, message: e.message } });
				throw e;
			}
		}
	};
	vi.stubGlobal('fetch', (url: string, init?: RequestInit) => s.fetch(url, init));
	return s;
}

afterEach(() => vi.unstubAllGlobals());

const clip = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.round(Math.sin(i / 9) * 1000) / 32768);

describe('TurnStream', () => {
	it('sends each part of the recording once, in order, and gets the final analysis of all of it', async () => {
		const srv = server();
		const all = clip(3000);
		const t = new TurnStream();
		expect(await t.transcribe(all.subarray(0, 1000))).toMatchObject({ text: 'heard 1000' });
		expect(await t.transcribe(all.subarray(0, 2500))).toMatchObject({ text: 'heard 2500' });
		const a = await t.analyze(all, {});
		expect(a.transcript.text).toBe(`final 3000 ${checksum(parseWav(encodeWav(all)).samples)}`);
		expect(srv.requests[0]).toBe('POST /api/speech/streams');
		expect(srv.requests.slice(1).map((r) => r.split('?')[1])).toEqual(['0:transcribe', '1:transcribe', '2:analyze']);
		expect(srv.store.size).toBe(0);
	});

	it('keeps requests in order when the final answer is asked for while a running transcript is on its way', async () => {
		const srv = server();
		const all = clip(4000);
		const t = new TurnStream();
		const running = t.transcribe(all.subarray(0, 3000));
		const final = t.analyze(all, { transcript: 'known' });
		expect((await running)?.text).toBe('heard 3000');
		expect((await final).transcript.text).toMatch(/^final 4000 /);
		expect(srv.requests.slice(1).map((r) => r.split('?')[1])).toEqual(['0:transcribe', '1:analyze']);
	});

	it('sends the whole clip instead when the stream is lost (server restarted) or a chunk may have gone missing', async () => {
		const srv = server();
		const all = clip(3000);
		const restarted = new TurnStream();
		await restarted.transcribe(all.subarray(0, 1000));
		srv.store = new AudioStreamStore();
		const a = await restarted.analyze(all, {});
		expect(a.transcript.text).toBe(`whole 3000 ${checksum(parseWav(encodeWav(all)).samples)}`);

		const flaky = new TurnStream();
		srv.failNext = 'network';
		await expect(flaky.transcribe(all.subarray(0, 1000))).rejects.toMatchObject({ code: 'network' });
		// no more chunks on a stream that may have a hole: the final answer is the whole clip
		const before = srv.requests.length;
		expect((await flaky.analyze(all, {})).transcript.text).toMatch(/^whole 3000 /);
		expect(srv.requests.slice(before).filter((r) => r.startsWith('POST /api/speech/streams/'))).toEqual([]);
		expect(srv.requests.slice(before).filter((r) => r.startsWith('POST /api/speech/analyze'))).toHaveLength(1);
	});

	it('reports a busy server to the trainee and closes the stream', async () => {
		const srv = server();
		const t = new TurnStream();
		srv.failNext = 'busy';
		const err = await t.analyze(clip(2000), {}).catch((e) => e);
		expect(err).toBeInstanceOf(SpeechApiError);
		expect(err.code).toBe('busy');
		await vi.waitFor(() => expect(srv.requests.at(-1)).toMatch(/^DELETE /));
		expect(srv.store.size).toBe(0);
	});
});

describe('TurnStream without audio', () => {
	it('opens nothing on the server for a turn that sends nothing', async () => {
		const srv = server();
		new TurnStream().close();
		await new Promise((r) => setTimeout(r, 10));
		expect(srv.requests).toEqual([]);
	});
});
