import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { certificates } from '$lib/server/db/schema/certification';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { ApiFailure } from '$lib/server/http';
import { extractPdfText } from '../../../../tests/fixtures/pdf-text';
import { newCertificateCode } from './codes';
import { getProgramme } from './programmes';
import { seedDemoProgrammes } from './seed';
import { traineeReportFor } from './trainee-report';
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
