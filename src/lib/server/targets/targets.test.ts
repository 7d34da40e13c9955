// Cohort targets: stored, and the actual figures per month from the maintained monthly aggregates — equal to the
// figures counted from the calls and certificates themselves, and to the migration's backfill.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { recordStatements } from '$lib/server/db/record-statements';
import { db, sqlite } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { certificates, programmes } from '$lib/server/db/schema/certification';
import { traineeMonthStats } from '$lib/server/db/schema/targets';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { newCertificateCode } from '$lib/server/certification/codes';
import { REBUILD_CALL_STATS_SQL } from '$lib/server/calls/stats-sql';
import { lastMonths, monthOf, progressShare, settableMonths, targetMet } from '$lib/domain/targets/targets';
import { targetsFormSchema } from '$lib/schemas/targets';
import { actualsFor, cohortTargetsView, currentMonthTargets, setTargets, suggestedTargets, targetsFor } from './targets';

const NOW = new Date('2026-06-20T12:00:00Z');
const DAY = 86_400_000;
importContentScenarios(undefined, new Date('2026-01-01T00:00:00Z'));
const pw = 'x-password-1';
const tess = await createUser({ email: 'tess@example.test', name: 'Tess', password: pw, roles: ['trainer'] });
const blue = createCohort('Blue team', tess);
const ann = await createUser({ email: 'ann@example.test', name: 'Ann', password: pw, roles: ['trainee'], cohortId: blue });
const ben = await createUser({ email: 'ben@example.test', name: 'Ben', password: pw, roles: ['trainee'], cohortId: blue });
const other = await createUser({ email: 'oz@example.test', name: 'Oz', password: pw, roles: ['trainee'] });

playScriptedCall(ann, 'sales-enquiry', new Date('2026-04-10T09:00:00Z'));
playScriptedCall(ann, 'address-change-verification', new Date('2026-06-02T09:00:00Z'));
playScriptedCall(ben, 'sales-enquiry', new Date('2026-06-03T09:00:00Z'));
playScriptedCall(other, 'sales-enquiry', new Date('2026-06-04T09:00:00Z'));
const level = db
	.insert(programmes)
	.values({ slug: 'p', title: 'P', rules: { courses: [], calls: [], prerequisites: [], validityMonths: 12, recertify: { courses: [], calls: false } }, createdAt: NOW, updatedAt: NOW })
	.returning()
	.get();
const cert = (userId: number, issuedAt: string, revokedAt: string | null = null) =>
	db.insert(certificates).values({ code: newCertificateCode(), userId, programmeId: level.id, cycle: 1, programmeVersion: 1, holderName: 'x', programmeTitle: 'P', issuedAt: new Date(issuedAt), expiresAt: null, revokedAt: revokedAt ? new Date(revokedAt) : null }).run();
cert(ann, '2026-04-15T00:00:00Z');
cert(ben, '2026-05-10T00:00:00Z', '2026-06-05T00:00:00Z');
cert(other, '2026-03-01T00:00:00Z');

/** The same figures counted from every call's JSON (what the dashboards must not do). */
function fromCalls(userIds: number[], month: string) {
	const rows = db.select().from(calls).all().filter((c) => userIds.includes(c.userId) && c.state === 'completed' && c.total !== null && c.endedAt && monthOf(c.endedAt) === month);
	const acc = rows.map((c) => (c.sectionScores as Record<string, number>).accuracy).filter((v) => v !== undefined);
	return { assessmentCalls: rows.filter((c) => c.mode === 'assessment').length, recordAccuracy: acc.length ? Math.round((acc.reduce((a, b) => a + b, 0) / acc.length) * 10) / 10 : null };
}

describe('monthly figures', () => {
	it('equal the figures counted from the calls, per month, for the cohort only', () => {
		const months = lastMonths(NOW);
		expect(months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
		const actuals = actualsFor([ann, ben], months, NOW);
		for (const month of months) expect(actuals.get(month)).toMatchObject(fromCalls([ann, ben], month));
		expect(actuals.get('2026-06')!.assessmentCalls).toBe(2);
		expect(actuals.get('2026-04')!.assessmentCalls).toBe(1);
		expect(actuals.get('2026-02')).toEqual({ assessmentCalls: 0, recordAccuracy: null, certificates: 0 });
	});
	it('counts trainees holding a certificate in force at each month’s end (now for this month)', () => {
		const actuals = actualsFor([ann, ben], lastMonths(NOW), NOW);
		expect(['2026-03', '2026-04', '2026-05', '2026-06'].map((m) => actuals.get(m)!.certificates)).toEqual([0, 1, 2, 1]);
	});
	it('keeps past months’ certificate counts until a certificate is written, and reads this month’s every time', async () => {
		const cal = await createUser({ email: 'cal@example.test', name: 'Cal', password: pw, roles: ['trainee'] });
		const months = lastMonths(NOW);
		const counts = () => ['2026-03', '2026-04', '2026-05', '2026-06'].map((m) => actualsFor([cal], months, NOW).get(m)!.certificates);
		const heldAtRuns = (statements: { sql: string }[]) => statements.filter((s) => s.sql.includes('count(distinct c.user_id)')).length;
		const { result, statements } = recordStatements(() => [actualsFor([cal, ann], months, NOW), actualsFor([cal, ann], months, NOW), actualsFor([cal], months, NOW)]);
		expect(result[1]).toEqual(result[0]);
		// Six months read the first time, then only this month; another set of trainees is read for itself.
		expect(heldAtRuns(statements)).toBe(6 + 1 + 6);
		expect(counts()).toEqual([0, 0, 0, 0]);
		cert(cal, '2026-03-10T00:00:00Z');
		expect(counts()).toEqual([1, 1, 1, 1]);
		db.update(certificates).set({ revokedAt: new Date('2026-04-20T00:00:00Z') }).where(eq(certificates.userId, cal)).run();
		expect(counts()).toEqual([1, 0, 0, 0]);
		db.delete(certificates).where(eq(certificates.userId, cal)).run();
		expect(counts()).toEqual([0, 0, 0, 0]);
	});
	it('keeps the stored aggregates equal to the migration backfill', () => {
		const maintained = db.select().from(traineeMonthStats).all();
		sqlite.exec(REBUILD_CALL_STATS_SQL);
		expect(db.select().from(traineeMonthStats).all()).toEqual(maintained);
		expect(maintained.length).toBe(4);
	});
});

describe('targets', () => {
	it('stores a month’s targets, replaces them, and suggests the latest ones for the next month', () => {
		expect(targetsFor(blue, ['2026-06']).get('2026-06')).toEqual({ assessmentCalls: null, recordAccuracy: null, certificates: null });
		setTargets(blue, '2026-05', { assessmentCalls: 10, recordAccuracy: 80, certificates: null }, tess, NOW);
		setTargets(blue, '2026-06', { assessmentCalls: 4, recordAccuracy: 85, certificates: 2 }, tess, NOW);
		setTargets(blue, '2026-06', { assessmentCalls: 3, recordAccuracy: 85, certificates: 2 }, tess, NOW);
		const view = cohortTargetsView(blue, NOW);
		expect(view.trainees).toBe(2);
		expect(view.months.at(-1)).toMatchObject({ month: '2026-06', targets: { assessmentCalls: 3, recordAccuracy: 85, certificates: 2 }, actuals: { assessmentCalls: 2, certificates: 1 } });
		expect(currentMonthTargets(blue, [ann, ben], NOW)).toEqual(view.months.at(-1));
		expect(suggestedTargets(cohortTargetsView(blue, new Date(NOW.getTime() + 20 * DAY)))).toEqual({ assessmentCalls: 3, recordAccuracy: 85, certificates: 2 });
	});
	it('compares figures with targets', () => {
		expect(progressShare(4, 2)).toBe(0.5);
		expect(progressShare(4, 9)).toBe(1);
		expect(progressShare(null, 2)).toBeNull();
		expect(progressShare(80, null)).toBeNull();
		expect(targetMet(80, 80)).toBe(true);
		expect(targetMet(80, 79.9)).toBe(false);
	});
	it('refuses months outside the offered ones and numbers out of range, naming the field', () => {
		const schema = targetsFormSchema(settableMonths(NOW));
		expect(settableMonths(NOW).at(-1)).toBe('2026-09');
		expect(schema.safeParse({ month: '2026-06', assessmentCalls: '12', recordAccuracy: '', certificates: '3' }).data).toEqual({ month: '2026-06', assessmentCalls: 12, recordAccuracy: null, certificates: 3 });
		const bad = schema.safeParse({ month: '2025-01', assessmentCalls: '-1', recordAccuracy: '101', certificates: 'x' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['assessmentCalls', 'certificates', 'month', 'recordAccuracy']);
	});
});
