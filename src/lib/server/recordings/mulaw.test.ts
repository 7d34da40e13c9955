import { describe, expect, it } from 'vitest';
import { encodeMulaw8k, mulawDecode, mulawEncode, mulawWavHeader, MULAW_HEADER_BYTES } from './mulaw';

describe('µ-law', () => {
	it.each([0, 0.001, 0.01, 0.1, 0.5, -0.5, 0.99, -0.99])('round-trips %f within the codec’s step', (x) => {
		const back = mulawDecode(mulawEncode(x));
		expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.max(0.002, Math.abs(x) * 0.07));
	});

	it('encodes silence as 0xFF and clips beyond full scale', () => {
		expect(mulawEncode(0)).toBe(0xff);
		expect(mulawDecode(mulawEncode(2))).toBeCloseTo(mulawDecode(mulawEncode(1)), 6);
	});

	it('halves the rate and keeps speech-band tones while removing what 8 kHz cannot hold', () => {
		const sine = (hz: number) => Float32Array.from({ length: 16000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / 16000));
		const level = (bytes: Uint8Array) => Math.sqrt(bytes.subarray(100, -100).reduce((a, b) => a + mulawDecode(b) ** 2, 0) / (bytes.length - 200));
		const low = encodeMulaw8k(sine(440));
		expect(low.length).toBe(8000);
		expect(level(low)).toBeGreaterThan(0.3); // 0.5 / √2 ≈ 0.35
		expect(level(encodeMulaw8k(sine(6000)))).toBeLessThan(0.05); // would alias to 2 kHz without the filter
	});

	it('writes a WAV header that declares µ-law, 8 kHz, mono and the data size', () => {
		const h = Buffer.from(mulawWavHeader(1234));
		expect(h.length).toBe(MULAW_HEADER_BYTES);
		expect(h.toString('latin1', 0, 4)).toBe('RIFF');
		expect(h.readUInt32LE(4)).toBe(MULAW_HEADER_BYTES - 8 + 1234);
		expect(h.readUInt16LE(20)).toBe(7);
		expect(h.readUInt32LE(24)).toBe(8000);
		expect(h.toString('latin1', 50, 54)).toBe('data');
		expect(h.readUInt32LE(54)).toBe(1234);
	});
});
