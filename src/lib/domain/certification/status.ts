// Certificate lifetime: expiry dates, the "expiring soon" window, the retraining lapse and the status shown everywhere.

import type { HeldCertificate } from './evidence';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../i18n/locales';

/** Certificates expiring within this many days are flagged, and re-certification opens. */
export const EXPIRING_SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export const CERTIFICATE_STATUSES = ['valid', 'expiring', 'lapsed', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Getters over messages/*.json: reading one gives the current interface language. */
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
	get valid() {
		return m.cert_status_valid();
	},
	get expiring() {
		return m.cert_status_expiring();
	},
	get lapsed() {
		return m.cert_status_lapsed();
	},
	get expired() {
		return m.cert_status_expired();
	},
	get revoked() {
		return m.cert_status_revoked();
	}
};

/** The label of a status in a given language (a certificate prints in its holder's language). */
export function certificateStatusLabel(status: CertificateStatus, locale?: Locale): string {
	const label = { valid: m.cert_status_valid, expiring: m.cert_status_expiring, lapsed: m.cert_status_lapsed, expired: m.cert_status_expired, revoked: m.cert_status_revoked }[status];
	return label({}, locale ? { locale } : undefined);
}

/**
 * Adds calendar months in UTC, clamping to the last day of a shorter month
 * (31 Jan + 1 month = 28/29 Feb), so a 12-month certificate ends on the same date a year later.
 */
export function addMonths(date: Date, months: number): Date {
	const y = date.getUTCFullYear();
	const m = date.getUTCMonth() + months;
	const targetYear = y + Math.floor(m / 12);
	const targetMonth = ((m % 12) + 12) % 12;
	const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
	const day = Math.min(date.getUTCDate(), lastDay);
	return new Date(
		Date.UTC(
			targetYear,
			targetMonth,
			day,
			date.getUTCHours(),
			date.getUTCMinutes(),
			date.getUTCSeconds(),
			date.getUTCMilliseconds()
		)
	);
}

export function expiryFor(issuedAt: Date, validityMonths: number | null): Date | null {
	return validityMonths === null ? null : addMonths(issuedAt, validityMonths);
}

/** Start of the re-certification window: EXPIRING_SOON_DAYS before expiry. */
export function renewalWindowStart(expiresAt: Date): Date {
	return new Date(expiresAt.getTime() - EXPIRING_SOON_DAYS * DAY_MS);
}

/**
 * What the status is derived from: the certificate's own dates and, where the caller knows it, the due date of the
 * soonest retraining update still open (not completed) after a significant content change. Nothing is stored for a
 * lapse: it follows from the open update and the clock, and ends when the update is completed.
 */
export type StatusFacts = Pick<HeldCertificate, 'expiresAt' | 'revokedAt'> & { retrainingDueAt?: Date | null };

/** A retraining update is overdue once its due date has passed (the due date itself still counts as on time). */
export function isRetrainingOverdue(dueAt: Date | null | undefined, now: Date): boolean {
	return !!dueAt && now.getTime() > dueAt.getTime();
}

/** Revoked, then expired, then lapsed (retraining overdue), then expiring soon, then valid. */
export function certificateStatus(cert: StatusFacts, now: Date): CertificateStatus {
	if (cert.revokedAt) return 'revoked';
	if (cert.expiresAt && now.getTime() >= cert.expiresAt.getTime()) return 'expired';
	if (isRetrainingOverdue(cert.retrainingDueAt, now)) return 'lapsed';
	if (cert.expiresAt && now.getTime() >= renewalWindowStart(cert.expiresAt).getTime()) return 'expiring';
	return 'valid';
}

/**
 * Valid for the holder's purposes (verification, "certified" counts): valid or expiring soon; not while lapsed.
 * Certification evaluation passes no retraining date, so a lapse never opens a new cycle or re-issues a certificate.
 */
export function isInForce(cert: StatusFacts, now: Date): boolean {
	return isInForceStatus(certificateStatus(cert, now));
}

export function isInForceStatus(status: CertificateStatus): boolean {
	return status === 'valid' || status === 'expiring';
}

/** Whole days until expiry (negative once expired); null for certificates that never expire. */
export function daysUntilExpiry(cert: Pick<HeldCertificate, 'expiresAt'>, now: Date): number | null {
	if (!cert.expiresAt) return null;
	return Math.floor((cert.expiresAt.getTime() - now.getTime()) / DAY_MS);
}
