// Audio streams: the browser sends a turn's audio in numbered chunks while the trainee speaks, and asks for a
// running transcript or the final analysis of everything received so far. Each chunk crosses the network once
// (re-sending the whole growing clip every second would send a 55 s answer about 50 times over).
// Streams belong to one user, expire when idle and never exceed the 60 s clip limit. They live in this process's
// memory (AudioStreamStore), or in Redis when REDIS_URL is set (redis-streams.ts), so that any app process can take
// any chunk and a restarted app process loses no stream. Both are used through StreamStore.

import type { ContentLanguage } from '../../domain/languages';
import { randomBytes } from 'node:crypto';
import type { JobAudio } from './backend';
import { MAX_WAV_SECONDS, SAMPLE_RATE, type Wav } from './wav';

/** The streams as the routes use them (memory or Redis). Errors: StreamError. */
export interface StreamStore {
	/** Opens a stream for `userId` and returns its unguessable id. */
	open(userId: number, vocabulary: readonly string[], language?: ContentLanguage): Promise<string>;
	/** Appends chunk `seq` (a retry of a received chunk is ignored; a gap is refused). Returns the samples so far. */
	append(id: string, userId: number, seq: number, samples: Float32Array): Promise<number>;
	/** Everything received so far, as a job's audio, with the stream's vocabulary. */
	clip(id: string, userId: number): Promise<{ audio: JobAudio; durationSec: number; vocabulary: readonly string[]; language: ContentLanguage }>;
	close(id: string, userId: number): Promise<void>;
}

/** A stream nobody has touched for this long is dropped. */
export const STREAM_IDLE_MS = 2 * 60_000;
/** Open streams per user; opening one more drops that user's oldest (e.g. a tab reloaded mid-turn). */
export const MAX_STREAMS_PER_USER = 3;
/** Open streams in all (≤ 60 s of audio each, about 4 MB at most); past it the least recently used one goes. */
export const MAX_STREAMS = 100;
const MAX_SAMPLES = MAX_WAV_SECONDS * SAMPLE_RATE;

export class StreamError extends Error {
	constructor(
		readonly status: 404 | 409 | 413,
		readonly code: 'stream_not_found' | 'out_of_order' | 'too_long',
		message: string,
		readonly expectedSeq?: number,
		/** The numbers the API words its message from: the chunk that came too early, the length it would reach. */
		readonly detail: { seq?: number; seconds?: number } = {}
	) {
		super(message);
	}
}

interface AudioStream {
	id: string;
	userId: number;
	/** Names this turn is likely to contain (from the call), for Whisper's prompt. */
	vocabulary: readonly string[];
	/** The call's language, which Whisper is told to expect. */
	language: ContentLanguage;
	buffer: Float32Array;
	length: number;
	/** The next chunk number expected (chunks count from 0). */
	nextSeq: number;
	touchedAt: number;
}

export class AudioStreamStore {
	private streams = new Map<string, AudioStream>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Opens a stream for `userId` and returns its unguessable id. */
	open(userId: number, vocabulary: readonly string[] = [], language: ContentLanguage = 'en'): string {
		this.sweep();
		const mine = [...this.streams.values()].filter((s) => s.userId === userId).sort((a, b) => a.touchedAt - b.touchedAt);
		for (const s of mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_USER + 1))) this.streams.delete(s.id);
		if (this.streams.size >= MAX_STREAMS) {
			const oldest = [...this.streams.values()].reduce((a, b) => (b.touchedAt < a.touchedAt ? b : a));
			this.streams.delete(oldest.id);
		}
		const id = randomBytes(16).toString('base64url');
		this.streams.set(id, { id, userId, vocabulary, language, buffer: new Float32Array(SAMPLE_RATE * 4), length: 0, nextSeq: 0, touchedAt: this.now() });
		return id;
	}

	/**
	 * Appends chunk `seq`. A chunk already received (a retry) is ignored, so sending twice is harmless; a gap
	 * is refused with the chunk number expected. Returns the samples received so far.
	 */
	append(id: string, userId: number, seq: number, samples: Float32Array): number {
		const s = this.get(id, userId);
		if (seq < s.nextSeq) return s.length;
		if (seq > s.nextSeq) throw new StreamError(409, 'out_of_order', `Chunk ${seq} arrived before chunk ${s.nextSeq}; send chunk ${s.nextSeq} next.`, s.nextSeq, { seq });
		if (s.length + samples.length > MAX_SAMPLES) {
			const seconds = (s.length + samples.length) / SAMPLE_RATE;
			throw new StreamError(413, 'too_long', `The stream would be ${seconds.toFixed(1)} s long; the limit is ${MAX_WAV_SECONDS} s.`, undefined, { seconds });
		}
		if (s.length + samples.length > s.buffer.length) {
			const grown = new Float32Array(Math.min(MAX_SAMPLES, Math.max(s.buffer.length * 2, s.length + samples.length)));
			grown.set(s.buffer.subarray(0, s.length));
			s.buffer = grown;
		}
		s.buffer.set(samples, s.length);
		s.length += samples.length;
		s.nextSeq++;
		return s.length;
	}

	/** Everything received so far, as a clip (a copy: later chunks do not change it). */
	audio(id: string, userId: number): Wav {
		const s = this.get(id, userId);
		const samples = s.buffer.slice(0, s.length);
		return { sampleRate: SAMPLE_RATE, samples, durationSec: samples.length / SAMPLE_RATE };
	}

	vocabulary(id: string, userId: number): readonly string[] {
		return this.get(id, userId).vocabulary;
	}

	language(id: string, userId: number): ContentLanguage {
		return this.get(id, userId).language;
	}

	close(id: string, userId: number): void {
		this.get(id, userId);
		this.streams.delete(id);
	}

	get size(): number {
		return this.streams.size;
	}

	/** The stream, if it exists, is not idle-expired, and belongs to `userId` (others get the same 404). */
	private get(id: string, userId: number): AudioStream {
		this.sweep();
		const s = this.streams.get(id);
		if (!s || s.userId !== userId) throw new StreamError(404, 'stream_not_found', 'This audio stream does not exist or has expired; start a new one.');
		s.touchedAt = this.now();
		return s;
	}

	private sweep() {
		const cutoff = this.now() - STREAM_IDLE_MS;
		for (const [id, s] of this.streams) if (s.touchedAt < cutoff) this.streams.delete(id);
	}
}

/** AudioStreamStore as a StreamStore (embedded mode). */
export class MemoryStreamStore implements StreamStore {
	constructor(readonly store = new AudioStreamStore()) {}
	async open(userId: number, vocabulary: readonly string[], language: ContentLanguage = 'en') {
		return this.store.open(userId, vocabulary, language);
	}
	async append(id: string, userId: number, seq: number, samples: Float32Array) {
		return this.store.append(id, userId, seq, samples);
	}
	async clip(id: string, userId: number) {
		const wav = this.store.audio(id, userId);
		return { audio: { samples: wav.samples }, durationSec: wav.durationSec, vocabulary: this.store.vocabulary(id, userId), language: this.store.language(id, userId) };
	}
	async close(id: string, userId: number) {
		this.store.close(id, userId);
	}
}
