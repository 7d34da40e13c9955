import { describe, expect, it } from 'vitest';
import { addMonths, certificateStatus, daysUntilExpiry, expiryFor, isInForce, isRetrainingOverdue } from './status';

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

	it.each([
		['retraining due later: still valid', { expiresAt: day(200), revokedAt: null, retrainingDueAt: day(3) }, 'valid'],
		['retraining due at this very moment: still valid (the due date counts as on time)', { expiresAt: day(200), revokedAt: null, retrainingDueAt: NOW }, 'valid'],
		['retraining due a millisecond ago: lapsed', { expiresAt: day(200), revokedAt: null, retrainingDueAt: new Date(NOW.getTime() - 1) }, 'lapsed'],
		['lapsed on a certificate that never expires', { expiresAt: null, revokedAt: null, retrainingDueAt: day(-1) }, 'lapsed'],
		['lapsed wins over expiring soon', { expiresAt: day(10), revokedAt: null, retrainingDueAt: day(-1) }, 'lapsed'],
		['expired wins over lapsed', { expiresAt: day(-2), revokedAt: null, retrainingDueAt: day(-5) }, 'expired'],
		['revoked wins over lapsed', { expiresAt: day(200), revokedAt: day(-1), retrainingDueAt: day(-5) }, 'revoked'],
		['completed retraining (no open update) restores valid', { expiresAt: day(200), revokedAt: null, retrainingDueAt: null }, 'valid'],
		['completed retraining restores expiring soon', { expiresAt: day(10), revokedAt: null, retrainingDueAt: null }, 'expiring']
	] as const)('%s', (_name, cert, expected) => {
		expect(certificateStatus(cert, NOW)).toBe(expected);
	});

	it('takes a lapsed certificate out of force and puts it back once the update is completed', () => {
		const cert = { expiresAt: day(200), revokedAt: null };
		expect(isInForce({ ...cert, retrainingDueAt: day(-1) }, NOW)).toBe(false);
		expect(isInForce({ ...cert, retrainingDueAt: null }, NOW)).toBe(true);
		expect(isInForce(cert, NOW)).toBe(true);
		expect(isRetrainingOverdue(NOW, NOW)).toBe(false);
		expect(isRetrainingOverdue(day(-1), NOW)).toBe(true);
		expect(isRetrainingOverdue(undefined, NOW)).toBe(false);
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
