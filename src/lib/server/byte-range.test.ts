import { describe, expect, it } from 'vitest';
import { parseByteRange, rangeHeaders } from './byte-range';

describe('HTTP byte ranges', () => {
	it.each([
		[null, null],
		['bytes=0-', { start: 0, end: 999 }],
		['bytes=100-199', { start: 100, end: 199 }],
		['bytes=900-5000', { start: 900, end: 999 }],
		['bytes=-100', { start: 900, end: 999 }],
		['bytes=-5000', { start: 0, end: 999 }],
		['bytes=1000-', 'unsatisfiable'],
		['bytes=200-100', 'unsatisfiable'],
		['bytes=-0', 'unsatisfiable'],
		['bytes=0-1,5-6', null],
		['items=0-1', null],
		['bytes=-', null]
	])('%s of 1000 bytes → %o', (header, expected) => {
		expect(parseByteRange(header, 1000)).toEqual(expected);
	});

	it('answers 206 with Content-Range, 200 with the length, 416 with the size', () => {
		expect(rangeHeaders({ start: 10, end: 19 }, 100, 'audio/wav')).toEqual({
			status: 206,
			headers: { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-length': '10', 'content-range': 'bytes 10-19/100' }
		});
		expect(rangeHeaders(null, 100, 'audio/wav').headers['content-length']).toBe('100');
		expect(rangeHeaders('unsatisfiable', 100, 'audio/wav')).toMatchObject({ status: 416, headers: { 'content-range': 'bytes */100' } });
	});
});
