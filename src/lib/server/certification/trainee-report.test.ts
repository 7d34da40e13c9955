import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { certificates, programmeProgress } from '$lib/server/db/schema/certification';
import { calls } from '$lib/server/db/schema/calls';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { addComment, overrideSectionScore } from '$lib/server/calls/review';
import { callKpis, weakestSkills } from '$lib/domain/certification/kpis';
import { titleOf } from '$lib/domain/certification/describe';
import { migrationStatement } from '$lib/server/db/migration-statement';
import { recordStatements } from '$lib/server/db/record-statements';
import { playScriptedCall } from './demo-work';
import { progressFor } from './progress';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { ApiFailure } from '$lib/server/http';
import { extractPdfText } from '../../../../tests/fixtures/pdf-text';
import { newCertificateCode } from './codes';
import { getProgramme } from './programmes';
import { seedDemoProgrammes } from './seed';
import { traineeReport, traineeReportFor } from './trainee-report';
import { renderTraineeReportPdf } from './trainee-report-pdf';

const NOW = new Date('2026-06-15T12:00:00Z');
const NAMES = ['Łucja Şahin-Ørsted', 'Δήμητρα Παπαδοπούλου', 'Фёдор Достоевский'];

const user = (email: string, name: string, roles: ('trainee' | 'trainer' | 'admin')[], cohortId?: number) =>
	createUser({ email, name, password: 'x-password-1', roles, cohortId });
const admin = { id: await user('ad@example.test', 'Ada Admin', ['admin']), roles: ['admin' as const] };
const trainer = { id: await user('tr@example.test', 'Tess Trainer', ['trainer']), roles: ['trainer' as const] };
const otherTrainer = { id: await user('ot@example.test', 'Otto Trainer', ['trainer']), roles: ['trainer' as const] };
const cohort = createCohort('Blue team', trainer.id);
const otherCohort = createCohort('Green team', otherTrainer.id);
const traineeIds: number[] = [];
for (const [i, name] of NAMES.entries()) traineeIds.push(await user(`t${i}@example.test`, name, ['trainee'], cohort));
const outsider = await user('out@example.test', 'Olga Outside', ['trainee'], otherCohort);

seedDemoProgrammes(NOW);
const level1 = getProgramme('crm-call-handling-level-1')!;
db.insert(certificates)
	.values({
		code: newCertificateCode(),
		userId: traineeIds[0],
		programmeId: level1.id,
		cycle: 1,
		programmeVersion: 1,
		holderName: NAMES[0],
		programmeTitle: level1.title,
		issuedAt: new Date('2026-05-01T10:00:00Z'),
		expiresAt: new Date('2028-05-01T10:00:00Z')
	})
	.run();

const statusOf = (fn: () => unknown) => {
	try {
		fn();
		return 200;
	} catch (err) {
		if (err instanceof ApiFailure) return err.status;
		throw err;
	}
};

describe('traineeReportFor', () => {
	it('lets a trainer read the reports of trainees in their cohorts only', () => {
		expect(traineeReportFor(trainer, traineeIds[1], NOW).trainee.name).toBe(NAMES[1]);
		expect(statusOf(() => traineeReportFor(trainer, outsider, NOW))).toBe(403);
		expect(statusOf(() => traineeReportFor(otherTrainer, traineeIds[1], NOW))).toBe(403);
		expect(traineeReportFor(otherTrainer, outsider, NOW).trainee.cohort).toBe('Green team');
	});

	it('lets an admin read anyone’s report, and answers 404 for an unknown or malformed id', () => {
		expect(traineeReportFor(admin, outsider, NOW).trainee.name).toBe('Olga Outside');
		expect(traineeReportFor(admin, trainer.id, NOW).trainee.name).toBe('Tess Trainer');
		expect(statusOf(() => traineeReportFor(admin, 999_999, NOW))).toBe(404);
		expect(statusOf(() => traineeReportFor(trainer, 999_999, NOW))).toBe(404);
		expect(statusOf(() => traineeReportFor(admin, Number('abc'), NOW))).toBe(404);
	});
});

describe('renderTraineeReportPdf', () => {
	it.each(NAMES.map((name, i) => [name, i] as const))(
		'prints %s as written, with a glyph for every letter, in a small file',
		async (name, i) => {
			const bytes = await renderTraineeReportPdf(traineeReportFor(admin, traineeIds[i], NOW));
			const { pages, text, title, missingGlyphs } = await extractPdfText(bytes);
			expect(pages).toBe(1);
			expect(text.split('\n')).toContain(name);
			expect(text).toContain(`t${i}@example.test · Cohort: Blue team · Generated 15 June 2026`);
			expect(missingGlyphs).toEqual([]);
			expect(title).toBe(`Certification report — ${name}`);
			expect(bytes.length).toBeLessThan(200_000);
		}
	);

	it('lists requirements with the same marks as the page, and the certificates held', async () => {
		const { text, missingGlyphs } = await extractPdfText(await renderTraineeReportPdf(traineeReportFor(admin, traineeIds[0], NOW)));
		expect(text).toMatch(/^○ 3 calls scoring ≥ 75 with record accuracy ≥ 80 — 0 of 3 calls$/m);
		expect(text).toContain(level1.title);
		expect(text).toContain('1 May 2028');
		expect(missingGlyphs).toEqual([]);
	});
});

/** What the report computed before its stored reads: a live evaluation over every assessment call of the trainee. */
function liveReport(userId: number, now: Date) {
	const { programmes, evidence, names } = progressFor(userId, now);
	return {
		programmes,
		kpis: callKpis(evidence.calls),
		skills: weakestSkills(evidence.calls),
		recentCalls: [...evidence.calls]
			.sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
			.slice(0, 15)
			.map((c) => ({ id: c.id, scenario: titleOf(names.scenarios, c.scenarioSlug), angry: c.angryStart, total: c.total, recordAccuracy: c.recordAccuracy, endedAt: c.endedAt }))
	};
}

describe('the report at constant cost', () => {
	const DAY = 86_400_000;
	const SCENARIOS = ['address-change-verification', 'appointment-booking', 'sales-enquiry', 'angry-billing-dispute'];
	const callRow = (id: string) => db.select().from(calls).where(eq(calls.id, id)).get()!;
	/** Floating sums may add up in another order in SQLite: equal to 1e-9, counts and the rest exactly. */
	function expectSameAsLive(userId: number, now: Date) {
		const report = traineeReport(userId, now)!;
		const live = liveReport(userId, now);
		expect(report.programmes).toEqual(live.programmes);
		expect(report.recentCalls).toEqual(live.recentCalls);
		expect(report.kpis.calls).toBe(live.kpis.calls);
		for (const key of ['averageScore', 'averageHandleSeconds', 'averageAcwSeconds', 'averageHoldSeconds', 'firstContactResolution'] as const) {
			if (live.kpis[key] === null) expect(report.kpis[key]).toBeNull();
			else expect(report.kpis[key]).toBeCloseTo(live.kpis[key]!, 9);
		}
		expect(report.skills.map((s) => [s.skill, s.label, s.calls])).toEqual(live.skills.map((s) => [s.skill, s.label, s.calls]));
		for (const [i, s] of report.skills.entries()) expect(s.average).toBeCloseTo(live.skills[i].average, 9);
		return report;
	}

	it('equals the live evaluation over every assessment call: practice calls left out, overrides and comments followed, the 15 newest listed', async () => {
		importContentScenarios();
		const now = new Date();
		const id = await user('busy@example.test', 'Bo Busy', ['trainee'], cohort);
		expect(traineeReport(id, now)!.kpis).toEqual(callKpis([])); // no call yet
		expect(expectSameAsLive(id, now).skills).toEqual([]);

		const played: string[] = [];
		for (let i = 0; i < 17; i++) played.push(playScriptedCall(id, SCENARIOS[i % 4], new Date(now.getTime() - (30 - i) * DAY))!);
		const practice = [0, 1].map((i) => playScriptedCall(id, SCENARIOS[i], new Date(now.getTime() - (5 - i) * DAY), 'practice')!);
		expect([...played, ...practice].every(Boolean)).toBe(true);
		expect(callRow(practice[1]).state).toBe('completed');
		// the evaluations are stored as the calls are scored: the report reads them, not the calls
		expect(db.select().from(programmeProgress).where(eq(programmeProgress.userId, id)).all().length).toBeGreaterThan(0);

		let report = expectSameAsLive(id, now);
		expect(report.kpis.calls).toBe(17);
		expect(report.recentCalls).toHaveLength(15);
		expect(report.recentCalls.map((c) => c.id)).toEqual(played.slice(2).reverse());
		expect(report.recentCalls.map((c) => c.id)).not.toContain(practice[1]);

		const before = report.kpis.averageScore!;
		overrideSectionScore(trainer.id, callRow(played[16]), { section: 'etiquette', score: 1, reason: 'Talked over the caller' });
		addComment(trainer.id, callRow(played[15]), 'Good summary');
		report = expectSameAsLive(id, now);
		expect(report.kpis.averageScore).toBeLessThan(before);
		expect(report.recentCalls[0].total).toBe(callRow(played[16]).total);

		// What it reads: one statement on calls, limited to the 15 newest; no quiz attempt or completion (no live evaluation).
		const { statements } = recordStatements(() => traineeReport(id, now));
		const onCalls = statements.filter((st) => /from "calls"/.test(st.sql));
		expect(onCalls).toHaveLength(1);
		expect(onCalls[0].sql).toMatch(/limit \?/);
		expect(onCalls[0].params).toContain(15);
		expect(statements.filter((st) => /from "(quiz_attempts|course_completions)"/.test(st.sql))).toEqual([]);
	});

	it("migration 0030's backfill reproduces the maintained assessment aggregates exactly", () => {
		const maintained = sqlite.prepare('select * from trainee_assessment_stats order by user_id').all();
		expect(maintained.length).toBeGreaterThan(0);
		sqlite.exec('delete from trainee_assessment_stats');
		sqlite.exec(migrationStatement('_assessment_stats.sql', 'INSERT INTO trainee_assessment_stats'));
		expect(sqlite.prepare('select * from trainee_assessment_stats order by user_id').all()).toEqual(maintained);
	});

	it('reads its rows by index: the aggregates by primary key, the newest assessment calls by (user, state, ended_at)', () => {
		const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(plan('select * from trainee_assessment_stats where user_id = 1')).toMatch(/SEARCH trainee_assessment_stats USING INTEGER PRIMARY KEY/);
		const recent = plan(
			"select id from calls where user_id = 1 and mode = 'assessment' and state = 'completed' and total is not null and section_scores is not null and ended_at is not null order by ended_at desc limit 15"
		);
		expect(recent).toMatch(/SEARCH calls USING COVERING INDEX calls_user_state_ended_idx/);
		expect(recent).not.toMatch(/TEMP B-TREE/);
	});
});
