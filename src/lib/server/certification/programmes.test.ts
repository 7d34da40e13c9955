import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { auditLog } from '$lib/server/db/schema/audit';
import { certificates } from '$lib/server/db/schema/certification';
import { getProgramme, saveProgramme } from './programmes';
import { seedDemoProgrammes } from './seed';
import { revokeCertificate, verifyCertificate } from './certificates';
import { newCertificateCode } from './codes';

const NOW = new Date('2026-06-01T10:00:00Z');
const admin = db.insert(users).values({ email: 'admin@example.test', name: 'Admin', passwordHash: 'x', createdAt: NOW }).returning().get().id;
const holder = db.insert(users).values({ email: 'holder@example.test', name: 'Holder Name', passwordHash: 'x', createdAt: NOW }).returning().get().id;

describe('demo programmes', () => {
	it('seeds the two programmes once', () => {
		expect(seedDemoProgrammes(NOW)).toBe(2);
		expect(seedDemoProgrammes(NOW)).toBe(0);
		expect(getProgramme('de-escalation-specialist')?.rules.prerequisites).toEqual(['crm-call-handling-level-1']);
	});
});

const base = {
	slug: 'calls-only',
	title: 'Calls only',
	description: '',
	rules: {
		courses: [],
		calls: [{ count: 1, minScore: 70, minRecordAccuracy: null, angryOnly: false, scenarios: [] }],
		prerequisites: [],
		validityMonths: 6,
		recertify: { courses: [], calls: true }
	}
};

describe('saveProgramme', () => {
	it('refuses an impossible threshold and an unknown course, saving nothing', () => {
		const result = saveProgramme(
			{ ...base, rules: { ...base.rules, courses: ['no-such-course'], calls: [{ ...base.rules.calls[0], minScore: 101 }] } },
			admin,
			undefined,
			{ now: NOW }
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['courses.0', 'calls.0.minScore']);
		expect(getProgramme('calls-only')).toBeUndefined();
	});

	it('refuses a slug already in use', () => {
		const result = saveProgramme({ ...base, slug: 'crm-call-handling-level-1' }, admin, undefined, { now: NOW });
		expect(!result.ok && result.problems[0]).toEqual({ path: 'slug', message: 'Another programme already uses the slug "crm-call-handling-level-1".' });
	});

	it('creates, versions and audits; an edit keeps certificates unless revoking is chosen', async () => {
		const created = saveProgramme(base, admin, undefined, { now: NOW });
		expect(created.ok).toBe(true);
		if (created.ok) await created.reevaluation;
		const programme = getProgramme('calls-only')!;
		expect(programme.version).toBe(1);

		// A certificate issued earlier; the holder has no call evidence for the (stricter) new rules.
		const cert = db
			.insert(certificates)
			.values({ code: newCertificateCode(), userId: holder, programmeId: programme.id, cycle: 1, programmeVersion: 1, holderName: 'Holder Name', programmeTitle: 'Calls only', issuedAt: NOW, expiresAt: null })
			.returning()
			.get();

		const stricter = { ...base, rules: { ...base.rules, calls: [{ ...base.rules.calls[0], count: 5 }] } };
		const kept = saveProgramme(stricter, admin, programme, { now: NOW });
		expect(kept.ok && kept.revoked).toBe(0);
		expect(getProgramme('calls-only')!.version).toBe(2);
		expect(verifyCertificate(cert.code, NOW)?.status).toBe('valid');

		const revoked = saveProgramme(stricter, admin, getProgramme('calls-only')!, { now: NOW, revokeNonMatching: true });
		expect(revoked.ok && revoked.revoked).toBe(1);
		expect(verifyCertificate(cert.code, NOW)?.status).toBe('revoked');
		const row = db.select().from(certificates).where(eq(certificates.id, cert.id)).get()!;
		expect(row.revokedReason).toBe('Programme rules changed (version 3); the holder no longer meets them.');

		const actions = db.select().from(auditLog).all().map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['programme.create', 'programme.update', 'certificate.revoke']));
	});
});

describe('verifyCertificate and revokeCertificate', () => {
	it('returns only holder, programme, dates, status (and since when it is lapsed) and the holder\'s language; unknown or malformed codes are null', () => {
		const programme = getProgramme('crm-call-handling-level-1')!;
		const code = newCertificateCode();
		db.insert(certificates)
			.values({ code, userId: holder, programmeId: programme.id, cycle: 1, programmeVersion: 1, holderName: 'Holder Name', programmeTitle: programme.title, issuedAt: NOW, expiresAt: new Date('2026-06-20T00:00:00Z') })
			.run();
		expect(verifyCertificate(code.toLowerCase(), NOW)).toEqual({
			code,
			holderName: 'Holder Name',
			programmeTitle: 'CRM Call Handling — Level 1',
			issuedAt: NOW,
			expiresAt: new Date('2026-06-20T00:00:00Z'),
			status: 'expiring',
			lapsedSince: null,
			language: 'en'
		});
		expect(verifyCertificate('A'.repeat(32), NOW)).toBeNull();
		expect(verifyCertificate("' or 1=1 --", NOW)).toBeNull();
	});

	it('revokes once, audits who and why, and refuses a second revocation', () => {
		const programme = getProgramme('crm-call-handling-level-1')!;
		const cert = db
			.insert(certificates)
			.values({ code: newCertificateCode(), userId: holder, programmeId: programme.id, cycle: 2, programmeVersion: 1, holderName: 'Holder Name', programmeTitle: programme.title, issuedAt: NOW, expiresAt: null })
			.returning()
			.get();
		expect(revokeCertificate(cert.id, 'Copied answers', admin, NOW)).toBe(true);
		expect(revokeCertificate(cert.id, 'Again', admin, NOW)).toBe(false);
		const entry = db.select().from(auditLog).where(eq(auditLog.entityId, String(cert.id))).all().find((a) => a.action === 'certificate.revoke');
		expect(entry).toMatchObject({ actorId: admin, entityType: 'certificate', after: { status: 'revoked', reason: 'Copied answers' } });
	});
});
