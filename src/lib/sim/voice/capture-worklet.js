// AudioWorklet: microphone audio at the context's rate → 16 kHz mono Float32 frames of 512 samples
// (32 ms), posted to the main thread with their RMS. Plain JS: loaded with audioWorklet.addModule().
/* global sampleRate, AudioWorkletProcessor, registerProcessor */

const TARGET_RATE = 16000;
const FRAME = 512;

class CaptureProcessor extends AudioWorkletProcessor {
	constructor() {
		super();
		this.step = sampleRate / TARGET_RATE; // input samples per output sample
		this.pos = 0; // fractional position of the next output sample's window end, in input samples
		this.acc = 0; // running sum of the current window
		this.count = 0;
		this.frame = new Float32Array(FRAME);
		this.filled = 0;
	}

	process(inputs) {
		const input = inputs[0];
		if (!input || input.length === 0) return true;
		const channels = input.length;
		const n = input[0].length;
		for (let i = 0; i < n; i++) {
			let x = 0;
			for (let c = 0; c < channels; c++) x += input[c][i];
			this.acc += x / channels;
			this.count++;
			this.pos += 1;
			if (this.pos >= this.step) {
				// box-filter decimation: the mean of the input samples in this output sample's window
				this.pos -= this.step;
				this.frame[this.filled++] = this.acc / this.count;
				this.acc = 0;
				this.count = 0;
				if (this.filled === FRAME) this.flush();
			}
		}
		return true;
	}

	flush() {
		let sum = 0;
		for (let i = 0; i < FRAME; i++) sum += this.frame[i] * this.frame[i];
		const samples = this.frame;
		this.port.postMessage({ samples, rms: Math.sqrt(sum / FRAME) }, [samples.buffer]);
		this.frame = new Float32Array(FRAME);
		this.filled = 0;
	}
}

registerProcessor('callcraft-capture', CaptureProcessor);
