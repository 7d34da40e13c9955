import { describe, expect, it } from 'vitest';
import { addMonths, certificateStatus, daysUntilExpiry, expiryFor, isInForce } from './status';

const NOW = new Date('2026-06-15T12:00:00Z');
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000);

describe('addMonths', () => {
	it.each([
		['2026-01-15T09:00:00Z', 12, '2027-01-15T09:00:00.000Z'],
		['2026-01-31T00:00:00Z', 1, '2026-02-28T00:00:00.000Z'],
		['2028-01-31T00:00:00Z', 1, '2028-02-29T00:00:00.000Z'],
		['2026-11-30T10:00:00Z', 3, '2027-02-28T10:00:00.000Z'],
		['2026-05-10T00:00:00Z', 24, '2028-05-10T00:00:00.000Z']
	])('%s + %i months = %s', (from, months, expected) => {
		expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
	});
});

describe('certificateStatus', () => {
	it.each([
		['valid far from expiry', { expiresAt: day(200), revokedAt: null }, 'valid'],
		['never expires', { expiresAt: null, revokedAt: null }, 'valid'],
		['expiring in 30 days', { expiresAt: day(30), revokedAt: null }, 'expiring'],
		['expiring tomorrow', { expiresAt: day(1), revokedAt: null }, 'expiring'],
		['31 days left is still valid', { expiresAt: day(31), revokedAt: null }, 'valid'],
		['expired at this very moment', { expiresAt: NOW, revokedAt: null }, 'expired'],
		['expired last year', { expiresAt: day(-365), revokedAt: null }, 'expired'],
		['revoked wins over valid', { expiresAt: day(200), revokedAt: day(-1) }, 'revoked'],
		['revoked wins over expired', { expiresAt: day(-5), revokedAt: day(-10) }, 'revoked']
	] as const)('%s', (_name, cert, expected) => {
		expect(certificateStatus(cert, NOW)).toBe(expected);
	});

	it('counts an expiring certificate as in force, an expired one not', () => {
		expect(isInForce({ expiresAt: day(3), revokedAt: null }, NOW)).toBe(true);
		expect(isInForce({ expiresAt: day(-3), revokedAt: null }, NOW)).toBe(false);
	});

	it('computes expiry from validity and whole days left', () => {
		expect(expiryFor(NOW, null)).toBeNull();
		expect(expiryFor(NOW, 12)?.toISOString()).toBe('2027-06-15T12:00:00.000Z');
		expect(daysUntilExpiry({ expiresAt: day(10) }, NOW)).toBe(10);
		expect(daysUntilExpiry({ expiresAt: null }, NOW)).toBeNull();
	});
});
