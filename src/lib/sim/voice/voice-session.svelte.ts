// The trainee's microphone during a call: capture (AudioWorklet → 16 kHz mono), push-to-talk or
// hands-free turn taking, a running transcript while speaking, and the final transcript with prosody
// and tone when the turn ends. UI state lives in runes so VoiceInput.svelte can render it directly.

import type { Prosody, ToneEstimate } from '$lib/domain/tone';
import workletUrl from './capture-worklet.js?url&no-inline';
import { Endpointer, toDb } from './endpointer';
import { fetchSpeechStatus, SpeechApiError, TurnStream, VOICE_COMING, type SpeechStatus } from './speech-client';
import { coversSpeech, nextRequest, RATE } from './turn-plan';
import { m } from '$lib/paraglide/messages';

export interface Utterance {
	text: string;
	tone?: ToneEstimate;
	prosody?: Prosody;
	/** Epoch ms when the trainee started / stopped speaking. */
	startedAt: number;
	endedAt: number;
}

export type VoiceMode = 'push' | 'handsfree';
export type MicState = 'off' | 'starting' | 'on' | 'denied' | 'unsupported' | 'error';

/** Audio kept from before the detected start in hands-free mode (the first syllable is often quiet). */
const PREROLL_SEC = 0.35;
/** Turns end by themselves before the server's 60 s limit. */
const MAX_UTTERANCE_SEC = 55;
/** Shorter presses are treated as accidental. */
const MIN_UTTERANCE_SEC = 0.3;
interface Span {
	start: number;
	end: number;
}

function concat(chunks: Float32Array[]): Float32Array {
	const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
	let o = 0;
	for (const c of chunks) {
		out.set(c, o);
		o += c.length;
	}
	return out;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
};

export interface VoiceSessionOptions {
	onutterance: (u: Utterance) => void;
	/** Read on every audio frame, to measure overtalk. */
	isCustomerSpeaking?: () => boolean;
	/** Read before a turn starts; no new turn starts while it returns true. */
	isDisabled?: () => boolean;
	/** The mock call the answers belong to: the server prompts Whisper with its company and names. */
	callId?: string;
	/** Each turn's audio (16 kHz) and the epoch ms of its first sample, whether or not words were heard: a recorded call keeps it. */
	onaudio?: (samples: Float32Array, startedAt: number) => void;
}

export class VoiceSession {
	mic = $state<MicState>('off');
	mode = $state<VoiceMode>('push');
	server = $state<SpeechStatus | null>(null);
	/** Microphone level 0–1 for the meter. */
	level = $state(0);
	recording = $state(false);
	/** Final transcripts being worked on. */
	finishing = $state(0);
	partial = $state('');
	/** What the trainee should know now (errors, hints), or ''. */
	message = $state('');
	/** End of the last turn (release, or the end of the pause in hands-free mode) → its final transcript, in ms. */
	lastTurnMs = $state<number | null>(null);
	/** End of the trainee's speech in the last turn → its final transcript, in ms (what the trainee waits). */
	lastSpeechEndMs = $state<number | null>(null);

	readonly voiceReady = $derived(this.server?.voice === 'ready');

	private ctx: AudioContext | null = null;
	private stream: MediaStream | null = null;
	private endpointer = new Endpointer();
	private preroll: Float32Array[] = [];
	private chunks: Float32Array[] = [];
	private clipStart = 0;
	private startedAt = 0;
	private utteranceId = 0;
	/** This turn's audio on its way to the server, chunk by chunk. */
	private upload: TurnStream | null = null;
	/** The running-transcript request in flight, if any, and how many samples it covers. */
	private inflight: { id: number; samples: number; done: Promise<void> } | null = null;
	/** The latest running transcript of this turn and how many samples it covered. */
	private lastPartial: { id: number; text: string; samples: number } | null = null;
	/** Samples recorded up to the last frame that sounded like voice, and when that frame arrived. */
	private voicedUpTo = 0;
	private voicedAt = 0;
	/** voicedUpTo when a running transcript covering all the speech was last requested (one try per pause). */
	private coveredFor = -1;
	private lastPartialAt = 0;
	private customerSpans: Span[] = [];
	private customerSince: number | null = null;
	private history = { rmsDb: [] as number[], f0Hz: [] as number[] };
	private statusTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(private readonly opts: VoiceSessionOptions) {}

	/** Ask the server whether voice works; keeps asking while the models load. */
	async checkServer(): Promise<void> {
		if (this.statusTimer) clearTimeout(this.statusTimer);
		try {
			this.server = await fetchSpeechStatus();
		} catch (e) {
			this.server = { voice: 'disabled', progress: 0, models: [{ id: 'server', state: 'failed', progress: 0, message: (e as Error).message }] };
		}
		if (VOICE_COMING.has(this.server.voice)) this.statusTimer = setTimeout(() => this.checkServer(), this.server.voice === 'loading' ? 1000 : 3000);
	}

	/** Switch the microphone on (needs a click: browsers only start audio after a user gesture). */
	async start(): Promise<void> {
		if (this.mic === 'on' || this.mic === 'starting') return;
		if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
			this.mic = 'unsupported';
			this.message = m.voice_msg_no_recording();
			return;
		}
		this.mic = 'starting';
		this.message = '';
		try {
			// No automatic gain: it would flatten the loudness that tells calm from shouting.
			this.stream = await navigator.mediaDevices.getUserMedia({
				audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: false }
			});
			this.ctx = new AudioContext();
			await this.ctx.audioWorklet.addModule(workletUrl);
			const source = this.ctx.createMediaStreamSource(this.stream);
			const node = new AudioWorkletNode(this.ctx, 'callcraft-capture');
			node.port.onmessage = (e: MessageEvent<{ samples: Float32Array; rms: number }>) => this.onFrame(e.data.samples, e.data.rms);
			source.connect(node);
			this.mic = 'on';
			if (!this.server) void this.checkServer();
		} catch (e) {
			this.stop();
			const name = (e as DOMException).name;
			if (name === 'NotAllowedError' || name === 'SecurityError') {
				this.mic = 'denied';
				this.message = m.voice_msg_mic_blocked();
			} else if (name === 'NotFoundError' || name === 'OverconstrainedError') {
				this.mic = 'error';
				this.message = m.voice_msg_no_mic();
			} else {
				this.mic = 'error';
				this.message = m.voice_msg_mic_failed({ reason: (e as Error).message });
			}
		}
	}

	/** Release the microphone. */
	stop(): void {
		if (this.statusTimer) clearTimeout(this.statusTimer);
		this.stream?.getTracks().forEach((t) => t.stop());
		void this.ctx?.close().catch(() => {});
		this.stream = null;
		this.ctx = null;
		this.recording = false;
		this.level = 0;
		if (this.mic === 'on' || this.mic === 'starting') this.mic = 'off';
	}

	setMode(mode: VoiceMode): void {
		if (this.recording) this.cancelTurn();
		this.mode = mode;
		this.endpointer.reset();
	}

	/** Push-to-talk: button or Space pressed. */
	pressTalk(): void {
		if (this.mode === 'push') this.beginTurn(false);
	}

	/** Push-to-talk: button or Space released. */
	releaseTalk(): void {
		if (this.mode === 'push' && this.recording) void this.endTurn();
	}

	private onFrame(samples: Float32Array, rms: number) {
		const now = performance.now();
		this.level = 0.7 * this.level + 0.3 * Math.min(1, Math.max(0, (toDb(rms) + 60) / 60));
		this.trackCustomer(now);
		if (this.recording) {
			this.chunks.push(samples);
			const recorded = this.chunks.reduce((n, c) => n + c.length, 0);
			if (this.endpointer.isVoiced(rms)) {
				this.voicedUpTo = recorded;
				this.voicedAt = now;
			}
			const sec = recorded / RATE;
			if (sec >= MAX_UTTERANCE_SEC) void this.endTurn();
			else if (
				nextRequest({
					recorded,
					voicedUpTo: this.voicedUpTo,
					quietMs: now - this.voicedAt,
					sinceRequestMs: now - this.lastPartialAt,
					coveredFor: this.coveredFor,
					inflight: this.inflight !== null
				})
			)
				this.requestPartial();
		} else {
			this.preroll.push(samples);
			while (this.preroll.length * samples.length > PREROLL_SEC * RATE) this.preroll.shift();
		}
		// Fed in both modes so the noise floor (used by isVoiced) is known; only hands-free acts on its events.
		const event = this.endpointer.push(rms);
		if (this.mode === 'handsfree') {
			if (event === 'start') this.beginTurn(true);
			else if (event === 'end' && this.recording) void this.endTurn();
		}
	}

	private trackCustomer(now: number) {
		const speaking = this.opts.isCustomerSpeaking?.() ?? false;
		if (speaking && this.customerSince === null) this.customerSince = now;
		if (!speaking && this.customerSince !== null) {
			this.customerSpans.push({ start: this.customerSince, end: now });
			this.customerSince = null;
		}
		// keep one minute of history
		this.customerSpans = this.customerSpans.filter((s) => now - s.end < 60_000);
	}

	private beginTurn(withPreroll: boolean) {
		if (this.recording || this.mic !== 'on' || this.opts.isDisabled?.()) return;
		const pre = withPreroll ? this.preroll : [];
		this.chunks = [...pre];
		this.preroll = [];
		const now = performance.now();
		this.clipStart = now - (pre.reduce((n, c) => n + c.length, 0) / RATE) * 1000;
		this.startedAt = Date.now();
		this.utteranceId++;
		this.partial = '';
		this.lastPartial = null;
		this.voicedUpTo = 0;
		this.voicedAt = now;
		this.coveredFor = -1;
		this.message = '';
		this.lastPartialAt = now;
		this.upload = this.voiceReady ? new TurnStream(this.opts.callId) : null;
		this.recording = true;
	}

	private cancelTurn() {
		this.recording = false;
		this.chunks = [];
		this.partial = '';
		this.upload?.close();
		this.upload = null;
	}

	private requestPartial() {
		if (this.inflight || !this.voiceReady || !this.upload) return;
		const upload = this.upload;
		this.lastPartialAt = performance.now();
		const id = this.utteranceId;
		const samples = concat(this.chunks);
		if (coversSpeech(samples.length, this.voicedUpTo)) this.coveredFor = this.voicedUpTo;
		const done = upload
			.transcribe(samples)
			.then((t) => {
				if (id !== this.utteranceId || !t) return;
				// an empty text is kept too: it tells endTurn that this audio was heard (the final pass then runs whole)
				this.lastPartial = { id, text: t.text, samples: samples.length };
				if (this.recording && t.text) this.partial = t.text;
			})
			// a missed partial only delays the running transcript; the final pass reports errors
			.catch(() => {})
			.finally(() => (this.inflight = null));
		this.inflight = { id, samples: samples.length, done };
	}

	private async endTurn() {
		const ended = performance.now();
		const endedAt = Date.now();
		const samples = concat(this.chunks);
		const upload = this.upload;
		this.upload = null;
		this.recording = false;
		this.chunks = [];
		this.endpointer.reset();
		if (samples.length / RATE < MIN_UTTERANCE_SEC || !this.voiceReady || !upload) upload?.close();
		if (samples.length / RATE < MIN_UTTERANCE_SEC) {
			this.partial = '';
			return;
		}
		this.opts.onaudio?.(samples, performance.timeOrigin + this.clipStart);
		if (!this.voiceReady || !upload) {
			this.message =
				this.server?.voice === 'loading'
					? m.voice_msg_loading()
					: this.server?.voice === 'restarting'
						? m.voice_msg_restarting()
						: m.voice_msg_off();
			return;
		}
		const customer = this.customerSpans
			.concat(this.customerSince !== null ? [{ start: this.customerSince, end: ended }] : [])
			.map((s) => ({ start: Math.max(0, (s.start - this.clipStart) / 1000), end: Math.min((ended - this.clipStart) / 1000, (s.end - this.clipStart) / 1000) }))
			.filter((s) => s.end > s.start);
		const startedAt = this.startedAt;
		const voicedUpTo = this.voicedUpTo;
		const covers = (n: number) => coversSpeech(n, voicedUpTo);
		const speechEnded = voicedUpTo > 0 ? Math.min(ended, this.voicedAt) : ended;
		const id = this.utteranceId;
		this.finishing++;
		try {
			// A running transcript that covers all the speech (plus a little margin) is the final text. If the request
			// in flight will cover it, waiting for it is quicker than queueing a final pass behind it.
			if (this.inflight?.id === id && covers(this.inflight.samples)) await this.inflight.done;
			const last = this.lastPartial;
			const known = last?.id === id && covers(last.samples) ? last.text : undefined;
			const a = await upload.analyze(samples, {
				baselineRmsDb: this.history.rmsDb.length ? median(this.history.rmsDb) : undefined,
				baselineF0Hz: this.history.f0Hz.length ? median(this.history.f0Hz) : undefined,
				customer,
				transcript: known
			});
			this.lastTurnMs = Math.round(performance.now() - ended);
			this.lastSpeechEndMs = Math.round(performance.now() - speechEnded);
			this.partial = '';
			if (!a.transcript.speech || !a.transcript.text) {
				this.message = m.voice_msg_no_words();
				return;
			}
			if (a.prosody.speechSec > 0) this.history.rmsDb.push(a.prosody.rmsDb);
			if (a.prosody.f0MeanHz) this.history.f0Hz.push(a.prosody.f0MeanHz);
			this.opts.onutterance({ text: a.transcript.text, tone: a.tone, prosody: a.prosody, startedAt, endedAt });
		} catch (e) {
			this.partial = '';
			const err = e instanceof SpeechApiError ? e : new SpeechApiError(0, 'error', (e as Error).message);
			this.message = err.code === 'busy' || err.code === 'timeout' ? m.voice_msg_busy() : m.voice_msg_not_transcribed({ reason: err.message });
			if (err.code.startsWith('voice_')) void this.checkServer();
		} finally {
			this.finishing--;
		}
	}
}
