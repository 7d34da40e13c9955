// Energy-based end-of-speech detection in the browser for hands-free mode: the level must rise well
// above the room's noise floor to start an utterance and stay near it for a while to end one.
// (Silero VAD on the server then finds the exact speech boundaries and rejects non-speech.)

export interface EndpointerOptions {
	/** dB above the noise floor that counts as speech (default 12). */
	startDb?: number;
	/** dB above the noise floor below which a frame counts as silence (default 6). */
	stopDb?: number;
	/** Frames above startDb needed to start (default 3 ≈ 100 ms). */
	startFrames?: number;
	/** Silence that ends an utterance, in ms (default 700). */
	hangoverMs?: number;
	/** Nothing quieter than this is speech, whatever the floor (dBFS, default −55). */
	minSpeechDb?: number;
	/** Frame length in ms (512 samples at 16 kHz = 32 ms). */
	frameMs?: number;
}

export type EndpointEvent = 'start' | 'end' | null;

export const toDb = (rms: number) => (rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100);

export class Endpointer {
	private floorDb = -60;
	private frames = 0;
	private above = 0;
	private silentMs = 0;
	speaking = false;
	private readonly o: Required<EndpointerOptions>;

	constructor(opts: EndpointerOptions = {}) {
		this.o = { startDb: 12, stopDb: 6, startFrames: 3, hangoverMs: 700, minSpeechDb: -55, frameMs: 32, ...opts };
	}

	/** The current noise floor estimate in dBFS. */
	get noiseFloorDb(): number {
		return this.floorDb;
	}

	/** Whether a frame this loud counts as voice (not silence) against the current floor. */
	isVoiced(rms: number): boolean {
		const db = toDb(rms);
		return db >= this.floorDb + this.o.stopDb && db >= this.o.minSpeechDb;
	}

	/** Feed one frame's RMS; returns 'start' or 'end' on a transition. */
	push(rms: number): EndpointEvent {
		const db = toDb(rms);
		this.frames++;
		if (!this.speaking) {
			// The floor follows quiet frames quickly and loud ones very slowly, so speech does not raise it.
			const rate = this.frames < 10 ? 0.5 : db < this.floorDb ? 0.3 : 0.01;
			this.floorDb += rate * (db - this.floorDb);
			const loud = db > Math.max(this.floorDb + this.o.startDb, this.o.minSpeechDb);
			this.above = loud ? this.above + 1 : 0;
			if (this.above >= this.o.startFrames) {
				this.speaking = true;
				this.silentMs = 0;
				return 'start';
			}
			return null;
		}
		if (db < this.floorDb + this.o.stopDb || db < this.o.minSpeechDb) this.silentMs += this.o.frameMs;
		else this.silentMs = 0;
		if (this.silentMs >= this.o.hangoverMs) {
			this.speaking = false;
			this.above = 0;
			return 'end';
		}
		return null;
	}

	reset(): void {
		this.speaking = false;
		this.above = 0;
		this.silentMs = 0;
	}
}
