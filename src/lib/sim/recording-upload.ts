// Recorded calls, browser side: each spoken turn's audio goes to POST /api/calls/:id/recording after the turn, in the
// speech API's WAV format. One upload at a time, retried a few times with back-off; a turn that cannot be kept (the
// server refuses it) is reported once and never blocks the call.
import { encodeWav } from '$lib/audio/wav-encode';
import { m } from '$lib/paraglide/messages';

export interface TurnAudio {
	/** ms since the call was answered when the audio starts. */
	t: number;
	samples: Float32Array;
}

export class RecordingUploader {
	#queue: { id: string; turn: TurnAudio; tries: number }[] = [];
	#busy = false;
	#n = 0;

	constructor(
		private readonly callId: string,
		private readonly onrefused: (message: string) => void = () => {},
		private readonly fetchFn: typeof fetch = (...args) => fetch(...args)
	) {}

	add(turn: TurnAudio): void {
		this.#queue.push({ id: `${Date.now().toString(36)}-${++this.#n}`, turn, tries: 0 });
		void this.#drain();
	}

	/** Turns not yet kept by the server. */
	get pending(): number {
		return this.#queue.length;
	}

	async #drain(): Promise<void> {
		if (this.#busy) return;
		this.#busy = true;
		try {
			while (this.#queue.length > 0) {
				const item = this.#queue[0];
				const q = new URLSearchParams({ t: String(Math.max(0, Math.round(item.turn.t))), turn: item.id });
				let status = 0;
				let message = '';
				try {
					const res = await this.fetchFn(`/api/calls/${this.callId}/recording?${q}`, {
						method: 'POST',
						headers: { 'content-type': 'audio/wav' },
						body: encodeWav(item.turn.samples) as BodyInit
					});
					status = res.status;
					if (!res.ok) message = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? '';
				} catch {
					status = 0; // network: retry
				}
				if (status >= 200 && status < 300) this.#queue.shift();
				else if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
					this.#queue.shift();
					this.onrefused(message || m.rec_upload_refused({ status: String(status) }));
				} else if (++item.tries >= 4) {
					this.#queue.shift();
					this.onrefused(m.rec_upload_failed());
				} else await new Promise((r) => setTimeout(r, 500 * 2 ** item.tries));
			}
		} finally {
			this.#busy = false;
		}
	}
}
