import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { completeCourseAs, playScriptedCall } from '$lib/server/certification/demo-work';
import { seedDemoProgrammes } from '$lib/server/certification/seed';
import { sqlite } from '$lib/server/db';
import {
	assignableCohorts,
	countAssignableCohorts,
	canAssignToCohort,
	cohortMatrix,
	cohortMatrixCsv,
	createAssignment,
	evidenceFor,
	getAssignment,
	traineeTasks
} from './assignments';

const T0 = new Date('2026-06-01T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

importContentCourses(undefined, T0);
importContentScenarios(undefined, T0);
seedDemoProgrammes(T0);
const pw = 'x-password-1';
const admin = await createUser({ email: 'ad@example.test', name: 'Ada Admin', password: pw, roles: ['admin'] });
const tess = await createUser({ email: 'tess@example.test', name: 'Tess Trainer', password: pw, roles: ['trainer'] });
const otto = await createUser({ email: 'otto@example.test', name: 'Otto Other', password: pw, roles: ['trainer'] });
const blue = createCohort('Blue team', tess);
const red = createCohort('Red team', otto);
const [ann, ben, cat] = await Promise.all(
	['Ann', 'Ben', 'Cat'].map((n) => createUser({ email: `${n.toLowerCase()}@example.test`, name: `${n} Blue`, password: pw, roles: ['trainee'], cohortId: blue }))
);
const rick = await createUser({ email: 'rick@example.test', name: 'Rick Red', password: pw, roles: ['trainee'], cohortId: red });
const asTrainer = { id: tess, roles: ['trainer' as const] };

const scenarioId = createAssignment(
	{ cohortId: blue, kind: 'scenario', refSlug: 'sales-enquiry', mode: 'assessment', minScore: 50, callCount: 2, dueAt: new Date(T0.getTime() + 7 * DAY), traineeIds: [], createdBy: tess },
	T0
);
const courseId = createAssignment(
	{ cohortId: blue, kind: 'course', refSlug: 'working-in-the-crm', dueAt: new Date(T0.getTime() + 2 * DAY), traineeIds: [ann, ben], createdBy: tess },
	T0
);
// A call made before the assignment does not count towards it.
playScriptedCall(ann, 'sales-enquiry', at(-5));
playScriptedCall(ann, 'sales-enquiry', at(1));
playScriptedCall(ann, 'sales-enquiry', at(2));
playScriptedCall(ben, 'sales-enquiry', at(3));
completeCourseAs(ann, 'working-in-the-crm', at(4));
completeCourseAs(ben, 'working-in-the-crm', at(5), { leaveLastLessonUnread: true });

describe('who may assign', () => {
	it('lets a trainer assign to the cohorts they lead only, and admins to any', () => {
		expect(canAssignToCohort(asTrainer, blue)).toBe(true);
		expect(canAssignToCohort(asTrainer, red)).toBe(false);
		expect(canAssignToCohort({ id: admin, roles: ['admin'] }, red)).toBe(true);
		expect(canAssignToCohort({ id: ann, roles: ['trainee'] }, blue)).toBe(false);
		expect(canAssignToCohort({ id: admin, roles: ['admin'] }, 999_999)).toBe(false);
		expect(assignableCohorts(asTrainer).map((c) => [c.name, c.trainees, c.assignments])).toEqual([['Blue team', 3, 2]]);
		expect(assignableCohorts({ id: admin, roles: ['admin'] }).map((c) => c.name)).toEqual(['Blue team', 'Red team']);
	});
	it('lists the cohorts a page at a time by name, each page one walk of a name index', () => {
		const asAdmin = { id: admin, roles: ['admin' as const] };
		expect(countAssignableCohorts(asAdmin)).toBe(2);
		expect(countAssignableCohorts(asTrainer)).toBe(1);
		expect(countAssignableCohorts({ id: ann, roles: ['trainee'] })).toBe(0);
		expect(assignableCohorts({ id: ann, roles: ['trainee'] })).toEqual([]);
		expect(assignableCohorts(asAdmin, { limit: 1, offset: 1 }).map((c) => c.name)).toEqual(['Red team']);
		const plan = (trainer: boolean) =>
			(
				sqlite
					.prepare(
						`explain query plan select c.id, (select count(*) from assignments a where a.cohort_id = c.id) from cohorts c ${trainer ? 'where c.trainer_id = 1' : ''} order by c.name limit 50 offset 0`
					)
					.all() as { detail: string }[]
			)
				.map((r) => r.detail)
				.join('\n');
		expect(plan(false)).toMatch(/SCAN c USING (COVERING )?INDEX cohorts_name_unique/);
		expect(plan(true)).toMatch(/SEARCH c USING (COVERING )?INDEX cohorts_trainer_idx \(trainer_id=\?\)/);
		for (const p of [plan(false), plan(true)]) {
			expect(p).toMatch(/assignments_cohort_idx \(cohort_id=\?\)/);
			expect(p).not.toMatch(/TEMP B-TREE/);
		}
	});
	it('stores scenario terms only for scenarios', () => {
		expect(getAssignment(courseId)).toMatchObject({ kind: 'course', mode: null, minScore: null, callCount: null, wholeCohort: false });
		expect(getAssignment(scenarioId)).toMatchObject({ kind: 'scenario', mode: 'assessment', minScore: 50, callCount: 2, wholeCohort: true });
	});
});

describe('progress', () => {
	it('counts only calls made since the assignment, at or above the minimum score', () => {
		const ev = evidenceFor(getAssignment(scenarioId)!, [ann, ben, cat], at(6));
		expect(ev.get(ann)).toMatchObject({ goodCalls: 2, started: true });
		expect(ev.get(ben)).toMatchObject({ goodCalls: 1, started: true });
		expect(ev.has(cat)).toBe(false);
		// A minimum no call reaches: calls still show the trainee started.
		const strict = { ...getAssignment(scenarioId)!, minScore: 101 };
		expect(evidenceFor(strict, [ann], at(6)).get(ann)).toMatchObject({ goodCalls: 0, started: true });
	});

	it('shows the cohort × assignment matrix with counters, cells only where assigned, and overdue after the due date', () => {
		const m = cohortMatrix(blue, at(6))!;
		expect(m.assignments.map((a) => [a.id, a.done, a.total, a.overdue])).toEqual([
			[courseId, 1, 2, 0],
			[scenarioId, 1, 3, 0]
		]);
		const row = (id: number) => m.rows.find((r) => r.userId === id)!.cells;
		expect(row(ann)).toEqual([
			{ status: 'done', counter: null },
			{ status: 'done', counter: '2 of 2 calls ≥ 50' }
		]);
		expect(row(ben)).toEqual([
			{ status: 'in-progress', counter: null },
			{ status: 'in-progress', counter: '1 of 2 calls ≥ 50' }
		]);
		expect(row(cat)).toEqual([null, { status: 'not-started', counter: '0 of 2 calls ≥ 50' }]);

		const late = cohortMatrix(blue, new Date(T0.getTime() + 3 * DAY))!;
		expect(late.assignments[0]).toMatchObject({ done: 1, overdue: 1 });
		expect(late.rows.find((r) => r.userId === ben)!.cells[0]).toEqual({ status: 'overdue', counter: null });
		expect(cohortMatrix(999_999)).toBeNull();
	});

	it('lists a trainee’s to-do with due dates, and nothing of other cohorts', () => {
		const tasks = traineeTasks({ id: ben, cohortId: blue }, at(6));
		expect(tasks.map((t) => [t.kind, t.status, t.counter, t.href])).toEqual([
			['course', 'in-progress', null, '/courses/working-in-the-crm'],
			['scenario', 'in-progress', '1 of 2 calls ≥ 50', '/calls#scenario-sales-enquiry']
		]);
		expect(tasks[1].what).toMatch(/^Assessment: 2 calls of “.+” scoring 50 or more$/);
		expect(traineeTasks({ id: cat, cohortId: blue }, at(6)).map((t) => t.kind)).toEqual(['scenario']);
		expect(traineeTasks({ id: rick, cohortId: red }, at(6))).toEqual([]);
	});

	it('exports the matrix as CSV, one line per trainee and assignment', () => {
		const csv = cohortMatrixCsv(blue, at(6));
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('cohort,trainee,email,assignment,kind,due,status,calls');
		expect(lines).toHaveLength(1 + 5);
		expect(lines).toContain('Blue team,Ben Blue,ben@example.test,Pass the course “Working in the CRM”,Course,2026-06-03,In progress,');
	});

	describe('in Bengali', () => {
		const english = getLocale;
		afterEach(() => overwriteGetLocale(english));

		it('has Bengali headers and labels in the same column order, with ISO dates and ASCII data', () => {
			const inEnglish = cohortMatrixCsv(blue, at(6)).replace('\uFEFF', '').trim().split('\r\n');
			overwriteGetLocale(() => 'bn');
			const csv = cohortMatrixCsv(blue, at(6));
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
			expect(lines[0]).toBe('ব্যাচ,প্রশিক্ষণার্থী,ই-মেইল,অ্যাসাইনমেন্ট,ধরন,শেষ তারিখ,অবস্থা,কল');
			expect(lines).toHaveLength(inEnglish.length);
			const ben = lines.find((l) => l.startsWith('Blue team,Ben Blue,ben@example.test,') && l.includes(',কোর্স,'));
			// kind and status are words in the reader's language; the due date stays ISO 8601 with ASCII digits
			expect(ben).toMatch(/,কোর্স,2026-06-03,চলছে,$/);
			expect(csv).not.toMatch(/[০-৯]/);
		});
	});

	it('counts progress for 2,000 trainees at once (ids travel as one parameter, no per-trainee query)', () => {
		const ids = Array.from({ length: 2000 }, (_, i) => 100_000 + i).concat([ann]);
		const ev = evidenceFor(getAssignment(scenarioId)!, ids, at(6));
		expect(ev.get(ann)?.goodCalls).toBe(2);
		expect(ev.size).toBe(1);
	});
});
