// Assignments: creating them (trainers for their own cohorts, admins for any), listing a trainee's "To do", and the
// cohort × assignment matrix. Progress is counted from calls, course work and certificates with one query per
// assignment and kind of evidence for the whole set of trainees (never one per trainee).
import { latinDigits } from '$lib/domain/bengali';
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { assignments, assignmentTrainees } from '$lib/server/db/schema/assignments';
import { cohorts, userRoles, users } from '$lib/server/db/schema/users';
import type { SessionUser } from '$lib/server/auth/session';
import { countCohorts } from '$lib/server/db/queries/users';
import { listPublishedCourses } from '$lib/server/courses/catalogue';
import { listPublishedScenarios } from '$lib/server/scenarios/published';
import { listProgrammes } from '$lib/server/certification/programmes';
import { toCsv, type CsvCell } from '$lib/server/csv';
import { m } from '$lib/paraglide/messages';
import { lazy } from '$lib/server/db/lazy';
import { getRetrainingNote, retrainingEvidence } from '$lib/server/retraining/progress';
import {
	ASSIGNMENT_KIND_LABELS,
	ASSIGNMENT_STATUS_LABELS,
	isoDay,
	assignmentStatus,
	callCounter,
	describeAssignment,
	isDone,
	type AssignmentEvidence,
	type AssignmentKind,
	type AssignmentReason,
	type AssignmentStatus,
	type ScenarioMode
} from '$lib/domain/assignments/assignments';

export type AssignmentRow = typeof assignments.$inferSelect;

export interface AssignableItem {
	kind: AssignmentKind;
	slug: string;
	title: string;
}

/** Everything that can be assigned: published courses and scenarios, and certification programmes. */
export function assignableItems(): AssignableItem[] {
	return [
		...listPublishedCourses().map((c) => ({ kind: 'course' as const, slug: c.row.slug, title: c.course.meta.title })),
		...listPublishedScenarios().map((s) => ({ kind: 'scenario' as const, slug: s.scenario.slug, title: s.scenario.title })),
		...listProgrammes().map((p) => ({ kind: 'programme' as const, slug: p.slug, title: p.title }))
	];
}

function titleFinder(items: AssignableItem[]) {
	const byKey = new Map(items.map((i) => [`${i.kind}:${i.slug}`, i.title]));
	return (a: Pick<AssignmentRow, 'kind' | 'refSlug'>) => byKey.get(`${a.kind}:${a.refSlug}`) ?? a.refSlug;
}

/** Admins may assign to every cohort, trainers to the cohorts they lead, nobody else to any. */
export function canAssignToCohort(user: Pick<SessionUser, 'id' | 'roles'>, cohortId: number): boolean {
	if (user.roles.includes('admin')) return db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohortId)).get() !== undefined;
	if (!user.roles.includes('trainer')) return false;
	const row = db.select({ trainerId: cohorts.trainerId }).from(cohorts).where(eq(cohorts.id, cohortId)).get();
	return row?.trainerId === user.id;
}

/** Active trainees of a cohort, by name. */
export function cohortTrainees(cohortId: number): { id: number; name: string; email: string }[] {
	return db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'trainee')))
		.where(and(eq(users.cohortId, cohortId), eq(users.active, true)))
		.orderBy(asc(users.name))
		.all();
}

export interface NewAssignment {
	cohortId: number;
	kind: AssignmentKind;
	refSlug: string;
	mode?: ScenarioMode | null;
	minScore?: number | null;
	callCount?: number | null;
	dueAt: Date;
	/** Empty = the whole cohort. */
	traineeIds: number[];
	note?: string;
	reason?: AssignmentReason;
	/** Retraining assignments: the note they come from (their progress is counted from it). */
	retrainingNoteId?: number | null;
	createdBy: number | null;
}

/** Stores an assignment; the caller has checked the rights, the item and that the trainees are in the cohort. */
export function createAssignment(input: NewAssignment, now = new Date()): number {
	const scenario = input.kind === 'scenario';
	return db.transaction((tx) => {
		const id = tx
			.insert(assignments)
			.values({
				cohortId: input.cohortId,
				wholeCohort: input.traineeIds.length === 0,
				kind: input.kind,
				refSlug: input.refSlug,
				mode: scenario ? (input.mode ?? 'practice') : null,
				minScore: scenario ? (input.minScore ?? 0) : null,
				callCount: scenario ? (input.callCount ?? 1) : null,
				dueAt: input.dueAt,
				reason: input.reason ?? 'assigned',
				note: input.note ?? '',
				retrainingNoteId: input.retrainingNoteId ?? null,
				createdBy: input.createdBy,
				createdAt: now
			})
			.returning({ id: assignments.id })
			.get().id;
		for (const userId of new Set(input.traineeIds)) tx.insert(assignmentTrainees).values({ assignmentId: id, userId }).run();
		return id;
	});
}

export function getAssignment(id: number): AssignmentRow | undefined {
	return db.select().from(assignments).where(eq(assignments.id, id)).get();
}

export function deleteAssignment(id: number): void {
	db.delete(assignments).where(eq(assignments.id, id)).run();
}

/** Which of `traineeIds` each assignment applies to (whole-cohort ones: all cohort members given). */
function targetsOf(rows: AssignmentRow[], memberIds: number[]): Map<number, number[]> {
	const named = rows.filter((a) => !a.wholeCohort).map((a) => a.id);
	const picked = new Map<number, number[]>();
	if (named.length) {
		for (const r of db.select().from(assignmentTrainees).where(inArray(assignmentTrainees.assignmentId, named)).all()) {
			picked.set(r.assignmentId, [...(picked.get(r.assignmentId) ?? []), r.userId]);
		}
	}
	const members = new Set(memberIds);
	return new Map(rows.map((a) => [a.id, a.wholeCohort ? memberIds : (picked.get(a.id) ?? []).filter((u) => members.has(u))]));
}

type Ids = { ids: string };
/** Active trainees an assignment applies to now. */
export function targetsOfAssignment(a: AssignmentRow): number[] {
	const members = cohortTrainees(a.cohortId).map((m) => m.id);
	return targetsOf([a], members).get(a.id) ?? [];
}

// One statement per assignment and kind of evidence; the trainee ids travel as one JSON parameter.
// An assessment assignment counts assessment calls only (practice calls are coached live); a practice one counts both.
const scenarioCalls = lazy(() => sqlite.prepare<[Ids & { slug: string; min: number; since: number; assessmentOnly: number }], { userId: number; good: number; any: number }>(
	`select user_id as userId,
	        sum(case when state = 'completed' and total >= @min and (@assessmentOnly = 0 or mode = 'assessment') then 1 else 0 end) as good,
	        count(*) as any
	   from calls
	  where user_id in (select value from json_each(@ids)) and scenario_slug = @slug and created_at >= @since
	  group by user_id`
));
const courseDone = lazy(() => sqlite.prepare<[Ids & { slug: string }], { userId: number }>(
	`select cc.user_id as userId from course_completions cc join courses c on c.id = cc.course_id
	  where c.slug = @slug and cc.user_id in (select value from json_each(@ids))`
));
const courseStarted = lazy(() => sqlite.prepare<[Ids & { slug: string }], { userId: number }>(
	`select distinct lr.user_id as userId from lesson_reads lr join courses c on c.id = lr.course_id
	  where c.slug = @slug and lr.user_id in (select value from json_each(@ids))`
));
const certificateInForce = lazy(() => sqlite.prepare<[Ids & { slug: string; now: number }], { userId: number }>(
	`select distinct ce.user_id as userId from certificates ce join cert_programmes p on p.id = ce.programme_id
	  where p.slug = @slug and ce.user_id in (select value from json_each(@ids))
	    and ce.revoked_at is null and (ce.expires_at is null or ce.expires_at > @now)`
));
const workSince = lazy(() => sqlite.prepare<[Ids & { since: number }], { userId: number }>(
	`select user_id as userId from calls where user_id in (select value from json_each(@ids)) and created_at >= @since
	 union
	 select user_id from lesson_reads where user_id in (select value from json_each(@ids)) and read_at >= @since`
));

const NO_EVIDENCE: AssignmentEvidence = { goodCalls: 0, started: false, complete: false };

/** Evidence of each trainee for one assignment, in a few queries whatever the number of trainees. */
export function evidenceFor(a: AssignmentRow, traineeIds: number[], now = new Date()): Map<number, AssignmentEvidence> {
	const out = new Map<number, AssignmentEvidence>();
	if (!traineeIds.length) return out;
	if (a.retrainingNoteId !== null) {
		const note = getRetrainingNote(a.retrainingNoteId);
		if (note) return retrainingEvidence(note, traineeIds);
	}
	const ids = JSON.stringify(traineeIds);
	const ensure = (userId: number) => {
		let ev = out.get(userId);
		if (!ev) out.set(userId, (ev = { ...NO_EVIDENCE }));
		return ev;
	};
	if (a.kind === 'scenario') {
		for (const r of scenarioCalls().all({ ids, slug: a.refSlug, min: a.minScore ?? 0, since: a.createdAt.getTime(), assessmentOnly: a.mode === 'assessment' ? 1 : 0 })) {
			const ev = ensure(r.userId);
			ev.goodCalls = r.good;
			ev.started = r.any > 0;
		}
	} else if (a.kind === 'course') {
		for (const r of courseDone().all({ ids, slug: a.refSlug })) ensure(r.userId).complete = true;
		for (const r of courseStarted().all({ ids, slug: a.refSlug })) ensure(r.userId).started = true;
	} else {
		for (const r of certificateInForce().all({ ids, slug: a.refSlug, now: now.getTime() })) ensure(r.userId).complete = true;
		for (const r of workSince().all({ ids, since: a.createdAt.getTime() })) ensure(r.userId).started = true;
	}
	return out;
}

export interface AssignmentView {
	id: number;
	kind: AssignmentKind;
	refSlug: string;
	title: string;
	what: string;
	mode: ScenarioMode | null;
	minScore: number | null;
	callCount: number | null;
	dueAt: Date;
	reason: AssignmentReason;
	note: string;
	retrainingNoteId: number | null;
	wholeCohort: boolean;
	createdAt: Date;
}

function toView(a: AssignmentRow, title: string): AssignmentView {
	return {
		id: a.id,
		kind: a.kind,
		refSlug: a.refSlug,
		title,
		what: describeAssignment(a, title),
		mode: a.mode,
		minScore: a.minScore,
		callCount: a.callCount,
		dueAt: a.dueAt,
		reason: a.reason,
		note: a.note,
		retrainingNoteId: a.retrainingNoteId,
		wholeCohort: a.wholeCohort,
		createdAt: a.createdAt
	};
}

export interface TraineeTask extends AssignmentView {
	status: AssignmentStatus;
	counter: string | null;
	/** Where the trainee goes to work on it. */
	href: string;
}

export function taskHref(a: Pick<AssignmentRow, 'kind' | 'refSlug' | 'retrainingNoteId'>): string {
	if (a.retrainingNoteId !== null) return `/retraining/${a.retrainingNoteId}`;
	if (a.kind === 'course') return `/courses/${a.refSlug}`;
	if (a.kind === 'scenario') return `/calls#scenario-${a.refSlug}`;
	return `/#programme-${a.refSlug}`;
}

// A trainee's assignments (their home page): prepared once, for a trainee in a cohort and for one in none.
const namedIn = () => db.select({ id: assignmentTrainees.assignmentId }).from(assignmentTrainees).where(eq(assignmentTrainees.userId, sql.placeholder('userId')));
const tasksInCohort = lazy(() =>
	db
		.select()
		.from(assignments)
		.where(or(and(eq(assignments.cohortId, sql.placeholder('cohortId')), eq(assignments.wholeCohort, true)), inArray(assignments.id, namedIn())))
		.orderBy(asc(assignments.dueAt))
		.prepare()
);
const tasksNamed = lazy(() => db.select().from(assignments).where(inArray(assignments.id, namedIn())).orderBy(asc(assignments.dueAt)).prepare());

/** A trainee's assignments: their cohort's whole-cohort ones and those naming them, with status, soonest due first. */
export function traineeTasks(user: Pick<SessionUser, 'id' | 'cohortId'>, now = new Date()): TraineeTask[] {
	const rows = user.cohortId ? tasksInCohort().all({ userId: user.id, cohortId: user.cohortId }) : tasksNamed().all({ userId: user.id });
	if (!rows.length) return [];
	const title = titleFinder(assignableItems());
	return rows.map((a) => {
		const ev = evidenceFor(a, [user.id], now).get(user.id) ?? NO_EVIDENCE;
		return { ...toView(a, title(a)), status: assignmentStatus(a, ev, now), counter: callCounter(a, ev), href: taskHref(a) };
	});
}

export interface MatrixCell {
	status: AssignmentStatus;
	counter: string | null;
}

export interface CohortMatrix {
	cohort: { id: number; name: string };
	assignments: (AssignmentView & { done: number; total: number; overdue: number })[];
	rows: { userId: number; name: string; email: string; cells: (MatrixCell | null)[] }[];
}

/** The cohort × assignment matrix: a cell per trainee and assignment (null where it does not apply to them). */
export function cohortMatrix(cohortId: number, now = new Date()): CohortMatrix | null {
	const cohort = db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.id, cohortId)).get();
	if (!cohort) return null;
	const members = cohortTrainees(cohortId);
	const memberIds = members.map((m) => m.id);
	const rows = db.select().from(assignments).where(eq(assignments.cohortId, cohortId)).orderBy(asc(assignments.dueAt), asc(assignments.id)).all();
	const targets = targetsOf(rows, memberIds);
	const title = titleFinder(assignableItems());
	const cells = new Map<string, MatrixCell>();
	const columns = rows.map((a) => {
		const who = targets.get(a.id) ?? [];
		const evidence = evidenceFor(a, who, now);
		let done = 0;
		let overdue = 0;
		for (const userId of who) {
			const ev = evidence.get(userId) ?? NO_EVIDENCE;
			const status = assignmentStatus(a, ev, now);
			if (isDone(a, ev)) done++;
			if (status === 'overdue') overdue++;
			cells.set(`${a.id}:${userId}`, { status, counter: callCounter(a, ev) });
		}
		return { ...toView(a, title(a)), done, total: who.length, overdue };
	});
	return {
		cohort,
		assignments: columns,
		rows: members.map((m) => ({ userId: m.id, name: m.name, email: m.email, cells: rows.map((a) => cells.get(`${a.id}:${m.id}`) ?? null) }))
	};
}

/** Cohorts a user may assign to, with how many assignments each has and how many are overdue for someone. */
/** The cohorts this user may assign to (an admin every cohort, a trainer theirs), one page by name. */
export function assignableCohorts(
	user: Pick<SessionUser, 'id' | 'roles'>,
	page: { limit: number; offset: number } = { limit: -1, offset: 0 }
): { id: number; name: string; trainees: number; assignments: number }[] {
	const scope = assignableScope(user);
	if (!scope) return [];
	// The page walks the cohorts' name index (one trainer's: cohorts_trainer_idx) and counts its own cohorts' members
	// (users_cohort_idx) and assignments (assignments_cohort_idx) only.
	return sqlite
		.prepare<[{ trainer: number | null; limit: number; offset: number }], { id: number; name: string; trainees: number; assignments: number }>(
			`select c.id, c.name,
			        (select count(*) from users u join user_roles r on r.user_id = u.id and r.role = 'trainee'
			          where u.cohort_id = c.id and u.active = 1) as trainees,
			        (select count(*) from assignments a where a.cohort_id = c.id) as assignments
			   from cohorts c ${scope.trainerId === null ? '' : 'where c.trainer_id = @trainer'} order by c.name limit @limit offset @offset`
		)
		.all({ trainer: scope.trainerId, ...page });
}

/** How many cohorts assignableCohorts pages through. */
export function countAssignableCohorts(user: Pick<SessionUser, 'id' | 'roles'>): number {
	const scope = assignableScope(user);
	return scope ? countCohorts(scope.trainerId === null ? {} : { trainerId: scope.trainerId }) : 0;
}

function assignableScope(user: Pick<SessionUser, 'id' | 'roles'>): { trainerId: number | null } | null {
	if (user.roles.includes('admin')) return { trainerId: null };
	return user.roles.includes('trainer') ? { trainerId: user.id } : null;
}

/**
 * The cohort named in a URL if this user may assign to it: 404 when it does not exist (or the id is not one),
 * 403 when it is not theirs. Used by every load, action and export of the cohort's assignment pages.
 */
export function requireAssignableCohort(
	event: { params: Record<string, string>; locals: App.Locals },
	user: Pick<SessionUser, 'id' | 'roles'>
): { id: number; name: string } {
	const id = /^\d{1,9}$/.test(event.params.cohort ?? '') ? Number(event.params.cohort) : 0;
	const cohort = id ? db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.id, id)).get() : undefined;
	if (!cohort) error(404, { message: m.srv_no_cohort(), code: 'not_found', requestId: event.locals.requestId });
	if (!canAssignToCohort(user, cohort.id)) {
		error(403, { message: m.srv_not_your_cohort(), code: 'forbidden', requestId: event.locals.requestId });
	}
	return cohort;
}

/** The matrix as CSV, one line per trainee and assignment that applies to them. */
export function cohortMatrixCsv(cohortId: number, now = new Date()): string {
	const matrix = cohortMatrix(cohortId, now);
	const lines: CsvCell[][] = [];
	for (const row of matrix?.rows ?? []) {
		row.cells.forEach((cell, i) => {
			if (!cell) return;
			const a = matrix!.assignments[i];
			lines.push([matrix!.cohort.name, row.name, row.email, latinDigits(a.what), ASSIGNMENT_KIND_LABELS[a.kind], isoDay(a.dueAt), ASSIGNMENT_STATUS_LABELS[cell.status], latinDigits(cell.counter ?? '')]);
		});
	}
	return toCsv(
		[m.csv_matrix_cohort(), m.csv_matrix_trainee(), m.csv_matrix_email(), m.csv_matrix_assignment(), m.csv_matrix_kind(), m.csv_matrix_due(), m.csv_matrix_status(), m.csv_matrix_calls()],
		lines
	);
}
