import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDayMonth,
	formatDigits,
	formatInteger,
	formatLongDate,
	formatNumber,
	formatPercent,
	formatTime,
	formatWeekdayDate
} from './format';

const d = new Date('2026-11-25T23:41:05Z');

describe('English (en-GB), the default', () => {
	it('formats dates in UTC whatever the server time zone', () => {
		expect(formatDate(d)).toBe('25 Nov 2026');
		expect(formatLongDate(d)).toBe('25 November 2026');
		expect(formatDayMonth(d)).toBe('25 Nov');
		expect(formatDateTime(d)).toBe('25 Nov 2026, 23:41 UTC');
		expect(formatWeekdayDate(d)).toBe('Wednesday 25 November 2026');
		expect(formatTime(new Date('2026-01-02T08:05:00Z'))).toBe('08:05');
	});

	it('formats numbers and percentages with Latin digits', () => {
		expect(formatInteger(1234567)).toBe('1,234,567');
		expect(formatNumber(3.25, { maximumFractionDigits: 1 })).toBe('3.3');
		expect(formatPercent(85)).toBe('85%');
		expect(formatPercent(72.46, 1)).toBe('72.5%');
		expect(formatDigits('3 of 4')).toBe('3 of 4');
	});

	it('keeps each kind of number and date its own formatter, in each language (they are kept by a fixed key)', () => {
		// the same options asked for by formatNumber and by formatInteger, then other digits, in turn and repeated
		for (let i = 0; i < 2; i++) {
			expect(formatNumber(2.5, { maximumFractionDigits: 0 })).toBe('3');
			expect(formatInteger(2.5)).toBe('3');
			expect(formatNumber(2.345, { maximumFractionDigits: 2 })).toBe('2.35');
			expect(formatPercent(12.345, 0)).toBe('12%');
			expect(formatPercent(12.345, 2)).toBe('12.35%');
			expect(formatPercent(12.34567, 5)).toBe('12.34567%');
			expect(formatPercent(12.345, 2, 'bn')).toBe('১২.৩৫%');
			expect(formatDate(d)).toBe('25 Nov 2026');
			expect(formatDate(d, 'bn')).toBe('২৫ নভেম্বর ২০২৬');
			expect(formatDayMonth(d)).toBe('25 Nov');
			expect(formatTime(d)).toBe('23:41');
		}
	});
});

describe('Bengali (bn-BD)', () => {
	it('writes dates with Bengali digits and month names, no commas inside a date', () => {
		expect(formatDate(d, 'bn')).toBe('২৫ নভেম্বর ২০২৬');
		expect(formatLongDate(d, 'bn')).toBe('২৫ নভেম্বর ২০২৬');
		expect(formatDayMonth(d, 'bn')).toBe('২৫ নভেম্বর');
		expect(formatDateTime(d, 'bn')).toBe('২৫ নভেম্বর ২০২৬, ২৩:৪১ UTC');
		expect(formatWeekdayDate(d, 'bn')).toBe('বুধবার ২৫ নভেম্বর ২০২৬');
		expect(formatTime(new Date('2026-01-02T08:05:00Z'), 'bn')).toBe('০৮:০৫');
		expect(formatLongDate(new Date('2026-03-01T00:00:00Z'), 'bn')).toBe('১ মার্চ ২০২৬');
	});

	it('writes numbers with Bengali digits and South Asian grouping', () => {
		expect(formatInteger(1234567, 'bn')).toBe('১২,৩৪,৫৬৭');
		expect(formatInteger(0, 'bn')).toBe('০');
		expect(formatPercent(85, 0, 'bn')).toBe('৮৫%');
		expect(formatPercent(72.46, 1, 'bn')).toBe('৭২.৫%');
		expect(formatDigits('3 of 4, 09:30', 'bn')).toBe('৩ of ৪, ০৯:৩০');
	});
});
