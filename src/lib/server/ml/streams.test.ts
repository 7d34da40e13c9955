import { describe, expect, it } from 'vitest';
import { AudioStreamStore, MAX_STREAMS, MAX_STREAMS_PER_USER, MemoryStreamStore, STREAM_IDLE_MS, StreamError } from './streams';
import { SAMPLE_RATE } from './wav';

const ramp = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => ((from + i) % 1000) / 1000);

function refused(f: () => unknown): StreamError {
	try {
		f();
	} catch (e) {
		if (e instanceof StreamError) return e;
		throw e;
	}
	throw new Error('expected a StreamError');
}

describe('AudioStreamStore', () => {
	it('joins numbered chunks in order into one clip', () => {
		const store = new AudioStreamStore();
		const id = store.open(1);
		expect(store.append(id, 1, 0, ramp(16_000))).toBe(16_000);
		expect(store.append(id, 1, 1, ramp(8_000, 16_000))).toBe(24_000);
		expect(store.append(id, 1, 2, new Float32Array(0))).toBe(24_000);
		const clip = store.audio(id, 1);
		expect(clip.durationSec).toBe(1.5);
		expect(Array.from(clip.samples)).toEqual(Array.from(ramp(24_000)));
		// a copy: later chunks do not change a clip being transcribed
		store.append(id, 1, 3, ramp(100));
		expect(clip.samples.length).toBe(24_000);
	});

	it('ignores a chunk sent twice and refuses a gap, naming the chunk it expects', () => {
		const store = new AudioStreamStore();
		const id = store.open(1);
		store.append(id, 1, 0, ramp(1000));
		expect(store.append(id, 1, 0, ramp(1000))).toBe(1000);
		const gap = refused(() => store.append(id, 1, 2, ramp(10)));
		expect(gap).toMatchObject({ status: 409, code: 'out_of_order', expectedSeq: 1 });
		expect(store.audio(id, 1).samples.length).toBe(1000);
	});

	it('never holds more than 60 s', () => {
		const store = new AudioStreamStore();
		const id = store.open(1);
		store.append(id, 1, 0, new Float32Array(59 * SAMPLE_RATE));
		expect(refused(() => store.append(id, 1, 1, new Float32Array(2 * SAMPLE_RATE)))).toMatchObject({ status: 413, code: 'too_long' });
		expect(store.append(id, 1, 1, new Float32Array(SAMPLE_RATE))).toBe(60 * SAMPLE_RATE);
	});

	it('shows a stream only to its owner: others get the same 404 as for an unknown id', () => {
		const store = new AudioStreamStore();
		const id = store.open(1);
		for (const f of [() => store.append(id, 2, 0, ramp(10)), () => store.audio(id, 2), () => store.close(id, 2), () => store.audio('nope', 1)]) {
			expect(refused(f)).toMatchObject({ status: 404, code: 'stream_not_found' });
		}
		expect(store.append(id, 1, 0, ramp(10))).toBe(10);
	});

	it('drops idle streams, a user’s oldest past the per-user limit, and the least recently used past the total', () => {
		let now = 0;
		const store = new AudioStreamStore(() => now);
		const idle = store.open(1);
		now += STREAM_IDLE_MS + 1;
		expect(refused(() => store.audio(idle, 1)).status).toBe(404);

		const ids = Array.from({ length: MAX_STREAMS_PER_USER + 1 }, () => (now++, store.open(7)));
		expect(refused(() => store.audio(ids[0], 7)).status).toBe(404);
		for (const id of ids.slice(1)) expect(store.audio(id, 7).samples.length).toBe(0);

		for (let u = 100; store.size < MAX_STREAMS; u++) (now++, store.open(u));
		now++;
		store.audio(ids[1], 7); // touched: not the least recently used any more
		store.open(9999);
		expect(store.size).toBe(MAX_STREAMS);
		expect(store.audio(ids[1], 7).samples.length).toBe(0);
		expect(refused(() => store.audio(ids[2], 7)).status).toBe(404);
	});

	it('closes a stream', () => {
		const store = new AudioStreamStore();
		const id = store.open(1);
		store.close(id, 1);
		expect(refused(() => store.audio(id, 1)).status).toBe(404);
	});
});

describe('stream vocabulary', () => {
	it('keeps the names given at opening, for the owner only', () => {
		const store = new AudioStreamStore();
		const id = store.open(1, ['Meridian Energy', 'Denise Okafor']);
		expect(store.vocabulary(id, 1)).toEqual(['Meridian Energy', 'Denise Okafor']);
		expect(refused(() => store.vocabulary(id, 2)).status).toBe(404);
		expect(store.vocabulary(store.open(1), 1)).toEqual([]);
	});
});

describe('stream language (issue #13)', () => {
	it('keeps the call language a stream was opened with, English by default', async () => {
		const store = new MemoryStreamStore();
		const bn = await store.open(1, ['আলো পাওয়ার'], 'bn');
		const en = await store.open(1, []);
		expect((await store.clip(bn, 1)).language).toBe('bn');
		expect((await store.clip(en, 1)).language).toBe('en');
	});
});
