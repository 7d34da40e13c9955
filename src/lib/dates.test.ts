import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDayMonth, formatLongDate } from './dates';

describe('date wording', () => {
	const d = new Date('2026-11-25T23:41:05Z');
	it('formats in UTC whatever the server time zone', () => {
		expect(formatDate(d)).toBe('25 Nov 2026');
		expect(formatLongDate(d)).toBe('25 November 2026');
		expect(formatDayMonth(d)).toBe('25 Nov');
		expect(formatDateTime(d)).toBe('25 Nov 2026, 23:41 UTC');
	});
});
