// Parsing and validating the WAV uploads of the speech API: RIFF/WAVE, PCM 16-bit, mono, 16 kHz only.
// Errors carry the HTTP status the API answers with (415 not WAV / wrong format, 413 too big, 400 broken).

export const SAMPLE_RATE = 16_000;
export const MAX_WAV_BYTES = 2 * 1024 * 1024;
export const MAX_WAV_SECONDS = 60;

export class WavError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		readonly code: 'not_wav' | 'unsupported_format' | 'too_large' | 'too_long' | 'truncated' | 'empty',
		message: string
	) {
		super(message);
	}
}

export interface Wav {
	sampleRate: number;
	/** Samples scaled to −1 … 1. */
	samples: Float32Array;
	durationSec: number;
}

/** Parse a 16 kHz mono PCM16 WAV file. Throws WavError with a message a caller can act on. */
export function parseWav(bytes: Uint8Array): Wav {
	if (bytes.length > MAX_WAV_BYTES) throw new WavError(413, 'too_large', `Audio is larger than ${MAX_WAV_BYTES / 1024 / 1024} MB.`);
	const ascii = (o: number, n: number) => String.fromCharCode(...bytes.subarray(o, o + n));
	if (bytes.length < 12 || ascii(0, 4) !== 'RIFF' || ascii(8, 4) !== 'WAVE') {
		throw new WavError(415, 'not_wav', 'Expected a WAV file (RIFF/WAVE); send audio/wav, 16 kHz mono 16-bit PCM.');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
	let offset = 12;
	while (offset + 8 <= bytes.length) {
		const id = ascii(offset, 4);
		const size = view.getUint32(offset + 4, true);
		const body = offset + 8;
		if (id === 'fmt ') {
			if (size < 16 || body + 16 > bytes.length) throw new WavError(400, 'truncated', 'The WAV header is truncated (fmt chunk).');
			fmt = { format: view.getUint16(body, true), channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
			// WAVE_FORMAT_EXTENSIBLE: the real format code is the first two bytes of the sub-format GUID
			if (fmt.format === 0xfffe && size >= 26 && body + 26 <= bytes.length) fmt.format = view.getUint16(body + 24, true);
		} else if (id === 'data') {
			if (!fmt) throw new WavError(400, 'truncated', 'The WAV file has no format (fmt) chunk before its data.');
			if (fmt.format !== 1 || fmt.bits !== 16 || fmt.channels !== 1 || fmt.rate !== SAMPLE_RATE) {
				throw new WavError(415, 'unsupported_format', `Expected 16 kHz mono 16-bit PCM, got ${fmt.rate} Hz, ${fmt.channels} channel(s), ${fmt.bits}-bit, format ${fmt.format}.`);
			}
			// Streaming writers put 0 or 0xFFFFFFFF as the size; then the data runs to the end of the file.
			const declared = size === 0 || size === 0xffffffff ? bytes.length - body : size;
			const available = Math.min(declared, bytes.length - body);
			if (available < declared && declared - available > 1) {
				throw new WavError(400, 'truncated', `The WAV data is truncated: header says ${declared} bytes, file has ${available}.`);
			}
			const n = Math.floor(available / 2);
			const durationSec = n / SAMPLE_RATE;
			if (durationSec > MAX_WAV_SECONDS) throw new WavError(413, 'too_long', `Audio is ${durationSec.toFixed(1)} s long; the limit is ${MAX_WAV_SECONDS} s.`);
			const samples = new Float32Array(n);
			for (let i = 0; i < n; i++) samples[i] = view.getInt16(body + 2 * i, true) / 32768;
			return { sampleRate: SAMPLE_RATE, samples, durationSec };
		}
		offset = body + size + (size % 2);
	}
	throw new WavError(400, 'truncated', fmt ? 'The WAV file has no data chunk (truncated?).' : 'The WAV header is truncated.');
}
