// Telephone-quality audio for recorded calls: 16 kHz samples → 8 kHz G.711 µ-law (one byte a sample, 8 kB/s,
// 0.48 MB a minute), stored as WAV files every browser plays. Pure functions, no I/O.

export const RECORDING_RATE = 8000;
/** µ-law byte of silence (the encoding of 0). */
export const MULAW_SILENCE = 0xff;
/** RIFF + fmt (18 bytes, WAVE_FORMAT_MULAW) + fact + data chunk headers. */
export const MULAW_HEADER_BYTES = 58;

/** Low-pass filter taps (windowed sinc, cut-off 3.6 kHz at 16 kHz) applied before dropping every other sample. */
const TAPS = (() => {
	const n = 31;
	const fc = 3600 / 16000;
	const taps = new Float32Array(n);
	let sum = 0;
	for (let i = 0; i < n; i++) {
		const x = i - (n - 1) / 2;
		const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
		const hamming = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1));
		taps[i] = sinc * hamming;
		sum += taps[i];
	}
	for (let i = 0; i < n; i++) taps[i] /= sum;
	return taps;
})();

/** One linear sample (−1 … 1) as G.711 µ-law. */
export function mulawEncode(x: number): number {
	const BIAS = 0x84;
	const CLIP = 32635;
	let s = Math.round(Math.max(-1, Math.min(1, x)) * 32767);
	const sign = s < 0 ? 0x80 : 0;
	if (s < 0) s = -s;
	if (s > CLIP) s = CLIP;
	s += BIAS;
	let exponent = 7;
	for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
	const mantissa = (s >> (exponent + 3)) & 0x0f;
	return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** A µ-law byte back to a linear sample (−1 … 1). */
export function mulawDecode(byte: number): number {
	const u = ~byte & 0xff;
	const sign = u & 0x80;
	const exponent = (u >> 4) & 0x07;
	const mantissa = u & 0x0f;
	const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
	return (sign ? -magnitude : magnitude) / 32768;
}

/** 16 kHz samples → 8 kHz µ-law bytes (low-pass, then every other sample). */
export function encodeMulaw8k(samples16k: Float32Array): Uint8Array {
	const n = Math.floor(samples16k.length / 2);
	const out = new Uint8Array(n);
	const half = (TAPS.length - 1) / 2;
	for (let o = 0; o < n; o++) {
		const centre = 2 * o;
		let acc = 0;
		for (let k = 0; k < TAPS.length; k++) {
			const i = centre + k - half;
			if (i >= 0 && i < samples16k.length) acc += TAPS[k] * samples16k[i];
		}
		out[o] = mulawEncode(acc);
	}
	return out;
}

/** The WAV header of `samples` µ-law samples at 8 kHz mono. */
export function mulawWavHeader(samples: number): Uint8Array {
	const out = new Uint8Array(MULAW_HEADER_BYTES);
	const v = new DataView(out.buffer);
	const put = (o: number, s: string) => [...s].forEach((c, i) => (out[o + i] = c.charCodeAt(0)));
	put(0, 'RIFF');
	v.setUint32(4, MULAW_HEADER_BYTES - 8 + samples, true);
	put(8, 'WAVE');
	put(12, 'fmt ');
	v.setUint32(16, 18, true);
	v.setUint16(20, 7, true); // WAVE_FORMAT_MULAW
	v.setUint16(22, 1, true);
	v.setUint32(24, RECORDING_RATE, true);
	v.setUint32(28, RECORDING_RATE, true);
	v.setUint16(32, 1, true);
	v.setUint16(34, 8, true);
	v.setUint16(36, 0, true);
	put(38, 'fact');
	v.setUint32(42, 4, true);
	v.setUint32(46, samples, true);
	put(50, 'data');
	v.setUint32(54, samples, true);
	return out;
}
