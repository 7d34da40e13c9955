// Encoding PCM samples as a 16 kHz mono 16-bit WAV file: used by the browser to upload audio and by tests.

export const WAV_SAMPLE_RATE = 16_000;

/** Encode samples (−1 … 1) as a 16 kHz mono PCM16 WAV file. */
export function encodeWav(samples: Float32Array, sampleRate = WAV_SAMPLE_RATE): Uint8Array {
	const out = new Uint8Array(44 + samples.length * 2);
	const v = new DataView(out.buffer);
	const put = (o: number, s: string) => [...s].forEach((c, i) => (out[o + i] = c.charCodeAt(0)));
	put(0, 'RIFF');
	v.setUint32(4, 36 + samples.length * 2, true);
	put(8, 'WAVE');
	put(12, 'fmt ');
	v.setUint32(16, 16, true);
	v.setUint16(20, 1, true);
	v.setUint16(22, 1, true);
	v.setUint32(24, sampleRate, true);
	v.setUint32(28, sampleRate * 2, true);
	v.setUint16(32, 2, true);
	v.setUint16(34, 16, true);
	put(36, 'data');
	v.setUint32(40, samples.length * 2, true);
	for (let i = 0; i < samples.length; i++) v.setInt16(44 + 2 * i, Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768))), true);
	return out;
}
