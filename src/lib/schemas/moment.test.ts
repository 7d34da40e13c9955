import { describe, expect, it } from 'vitest';
import { optionalMoment, parseClock } from './moment';

describe('a moment typed as a clock', () => {
	it.each([
		['0:00', 0],
		['1:05', 65_000],
		['01:05', 65_000],
		[' 12:30 ', 750_000],
		['1:02:05', 3_725_000],
		['90:00', 5_400_000]
	])('%s is %d ms', (text, ms) => expect(parseClock(text)).toBe(ms));

	it.each(['', '5', '1:5', '1:60', 'a:bc', '1:75:00', '-1:00', '1:00:00:00'])('%j is not a clock', (text) => expect(parseClock(text)).toBeNull());

	it('an empty field means no moment; a bad one gets the message', () => {
		const schema = optionalMoment('Write the moment as minutes:seconds.');
		expect(schema.parse(undefined)).toBeNull();
		expect(schema.parse('  ')).toBeNull();
		expect(schema.parse('2:10')).toBe(130_000);
		expect(schema.safeParse('soon').error?.issues[0].message).toBe('Write the moment as minutes:seconds.');
	});
});
