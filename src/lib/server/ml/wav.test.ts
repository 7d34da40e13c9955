import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav-encode';
import { MAX_WAV_BYTES, parseWav, WavError } from './wav';

function wavError(bytes: Uint8Array): WavError {
	try {
		parseWav(bytes);
	} catch (e) {
		if (e instanceof WavError) return e;
		throw e;
	}
	throw new Error('parseWav accepted the input');
}

/** A WAV header with the given format fields and n samples of data. */
function wavWith(format: { rate?: number; channels?: number; bits?: number; code?: number }, n = 160): Uint8Array {
	const bytes = encodeWav(new Float32Array(n));
	const v = new DataView(bytes.buffer);
	if (format.code !== undefined) v.setUint16(20, format.code, true);
	if (format.channels !== undefined) v.setUint16(22, format.channels, true);
	if (format.rate !== undefined) v.setUint32(24, format.rate, true);
	if (format.bits !== undefined) v.setUint16(34, format.bits, true);
	return bytes;
}

describe('parseWav', () => {
	it('round-trips 16 kHz mono PCM16 samples', () => {
		const samples = Float32Array.from({ length: 1600 }, (_, i) => Math.sin(i / 10) * 0.5);
		const wav = parseWav(encodeWav(samples));
		expect(wav.durationSec).toBeCloseTo(0.1, 6);
		expect(wav.samples.length).toBe(1600);
		for (let i = 0; i < samples.length; i += 97) expect(wav.samples[i]).toBeCloseTo(samples[i], 3);
	});

	it('rejects something that is not a WAV file with 415', () => {
		expect(wavError(new TextEncoder().encode('ID3\u0003 this is an mp3 really'))).toMatchObject({ status: 415, code: 'not_wav' });
		expect(wavError(new Uint8Array(0))).toMatchObject({ status: 415, code: 'not_wav' });
	});

	it('rejects other sample rates, stereo, 8-bit and float audio with 415', () => {
		expect(wavError(wavWith({ rate: 44100 }))).toMatchObject({ status: 415, code: 'unsupported_format' });
		expect(wavError(wavWith({ channels: 2 }))).toMatchObject({ status: 415, code: 'unsupported_format' });
		expect(wavError(wavWith({ bits: 8 }))).toMatchObject({ status: 415, code: 'unsupported_format' });
		expect(wavError(wavWith({ code: 3, bits: 32 })).message).toMatch(/16 kHz mono 16-bit PCM/);
	});

	it('rejects a truncated header or data with 400', () => {
		const full = encodeWav(new Float32Array(1600));
		expect(wavError(full.subarray(0, 30))).toMatchObject({ status: 400, code: 'truncated' });
		expect(wavError(full.subarray(0, 44 + 1000))).toMatchObject({ status: 400, code: 'truncated' });
	});

	it('rejects more than 60 s or more than 2 MB with 413', () => {
		expect(wavError(encodeWav(new Float32Array(16000 * 61)))).toMatchObject({ status: 413 });
		const big = new Uint8Array(MAX_WAV_BYTES + 1);
		big.set(encodeWav(new Float32Array(10)));
		expect(wavError(big)).toMatchObject({ status: 413, code: 'too_large' });
	});

	it('accepts a streamed WAV whose data size is left at 0', () => {
		const bytes = encodeWav(new Float32Array(800));
		new DataView(bytes.buffer).setUint32(40, 0, true);
		expect(parseWav(bytes).samples.length).toBe(800);
	});
});
