// The call player's state: the <audio> element of a recorded call, where it is (ms on the call's clock) and whether
// it plays. CallResult, the player and the trainer's pin-a-comment form share one instance.

export type PlaybackStatus = 'none' | 'loading' | 'ready' | 'error';

export class Playback {
	audio = $state<HTMLAudioElement | null>(null);
	/** Position on the call's clock, ms. */
	time = $state(0);
	playing = $state(false);
	status = $state<PlaybackStatus>('none');

	/** True when seeking moves audio (a recording that can play). */
	readonly canSeek = $derived(this.audio !== null && this.status !== 'error');

	/** Jump to `ms` on the call's clock (a little before, so the moment is heard from its start); optionally play. */
	seek(ms: number, play = false): void {
		const audio = this.audio;
		if (!audio || this.status === 'error') return;
		const to = Math.max(0, ms - 250);
		audio.currentTime = to / 1000;
		this.time = to;
		if (play) void audio.play().catch(() => {});
	}

	/** Event handlers for the <audio> element. */
	readonly handlers = {
		onloadedmetadata: () => (this.status = 'ready'),
		ontimeupdate: () => {
			if (this.audio) this.time = Math.round(this.audio.currentTime * 1000);
		},
		onplay: () => (this.playing = true),
		onpause: () => (this.playing = false),
		onerror: () => {
			this.status = 'error';
			this.playing = false;
		}
	};
}
