// Data for the certification sections of the home dashboards (trainee, trainer, admin).
import { and, asc, count, countDistinct, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { keptUntilChange } from '$lib/server/db/generation';
import { lazy } from '$lib/server/db/lazy';
import { certificates } from '$lib/server/db/schema/certification';
import { traineeMonthStats } from '$lib/server/db/schema/targets';
import { userRoles, users } from '$lib/server/db/schema/users';
import { countCohorts, listCohorts } from '$lib/server/db/queries/users';
import { pageInfo, type PageInfo } from '$lib/server/pagination';
import { scoreTrend, type CallKpis, type SkillAverage } from '$lib/domain/certification/kpis';
import { kpisFor, kpisOf, weakestSkillsOfTrainees } from '$lib/server/calls/stats';
import { getCallResults } from '$lib/server/calls/results';

const TREND_CALLS = 20;
import { EXPIRING_SOON_DAYS, type CertificateStatus } from '$lib/domain/certification/status';
import { certificateViews, inForceCondition, isLatestCycle, statusCondition } from './certificates';
import { currentMonthTargets, type TargetMonth } from '$lib/server/targets/targets';
import { monthOf } from '$lib/domain/targets/targets';
import { listProgrammes } from './programmes';
import { titleOf } from '$lib/domain/certification/describe';
import { MATRIX_ROWS_PER_PAGE } from '$lib/domain/certification/matrix';
import { lapsedCertificates, matrixProgressForUsers, storedProgressForUsers, type LapsedCertificate, type ProgrammeProgress } from './progress';
import { listPublishedCourses } from '$lib/server/courses/catalogue';

/**
 * The trainee's own home: programmes from the stored progress (programme_progress; evaluated live only when stale),
 * the score trend from their newest 20 results (by index): nothing here grows with the calls they have made.
 */
export function traineeDashboard(userId: number, now = new Date()) {
	const { trainees, names } = storedProgressForUsers([userId], now);
	const recent = getCallResults(userId, TREND_CALLS).map((r) => ({ ...r, id: r.callId }));
	return {
		programmes: trainees[0].programmes,
		trend: scoreTrend(recent, TREND_CALLS).map((p) => ({ at: p.at, total: p.total, label: titleOf(names.scenarios, p.scenarioSlug) })),
		certificates: certificateViews(userId, now)
	};
}

/**
 * One cell of the cohort matrix, as small as what it shows (the page sends every cell to the browser):
 * - a course column: null = not completed; else `{ best }`, the mean of its quizzes' best scores (null without a quiz);
 * - a programme column: the state (its label is `PROGRAMME_STATE_LABELS[state]`), the counter only while in progress,
 *   and `lapsed` when the certificate in force is lapsed by an overdue retraining update.
 */
export type CourseCell = { best: number | null } | null;
export type ProgrammeCell = { state: ProgrammeProgress['state']; done?: number; required?: number; lapsed?: true };

/** The KPIs a matrix row shows, seconds rounded (the table shows minutes and seconds). */
export type MatrixKpis = Pick<CallKpis, 'calls' | 'firstContactResolution'> & { handle: number | null; acw: number | null; hold: number | null };
const seconds = (v: number | null) => (v === null ? null : Math.round(v));

export interface CohortView {
	id: number;
	name: string;
	/** The matrix's columns: the published courses (a row's `courses`, in this order), then the programmes (`programmes`). */
	columns: { courses: { slug: string; title: string }[]; programmes: { slug: string; title: string }[] };
	/** One page of the cohort's trainees (MATRIX_ROWS_PER_PAGE, by name): the matrix and the KPI table show these. */
	rows: { userId: number; name: string; courses: CourseCell[]; programmes: ProgrammeCell[]; kpis: MatrixKpis }[];
	/** Which page of the cohort's trainees `rows` is (`?rows<cohort id>=N`). */
	rowsPage: PageInfo;
	/** Across every trainee of the cohort. */
	weakest: SkillAverage[];
	/** This month's targets and progress (two indexed queries on stored aggregates). */
	targets: TargetMonth;
	/** Trainees of the whole cohort whose certificate lapsed because a retraining update is overdue. */
	lapsed: { userId: number; name: string; programmeTitle: string; since: Date; noteId: number }[];
}

/**
 * The matrices of a page of cohorts, each showing one page of its trainees. The cells (stored progress summaries,
 * completed courses with best scores) are read once for the trainees shown on the whole page; what covers a whole
 * cohort (weakest skills, lapsed certificates, targets) is read from narrow rows for every member, one query per kind
 * for the page.
 */
function cohortViews(cohortList: { id: number; name: string }[], now: Date, rowsPageOf: (cohortId: number) => number): CohortView[] {
	const membersOf = cohortList.map((cohort) => cohortMembers(cohort.id));
	const rowsPages = cohortList.map((cohort, i) => pageInfo(membersOf[i].length, rowsPageOf(cohort.id), MATRIX_ROWS_PER_PAGE));
	const shownOf = membersOf.map((members, i) => members.slice(rowsPages[i].offset, rowsPages[i].offset + rowsPages[i].size));
	const allIds = membersOf.flat().map((m) => m.id);
	const programmes = listProgrammes();
	const courses = listPublishedCourses().map((p) => ({ slug: p.row.slug, title: p.course.meta.title }));
	const lapsedOf = new Map<number, LapsedCertificate[]>();
	const lapsed = lapsedCertificates(allIds, now);
	for (const l of lapsed) lapsedOf.set(l.userId, [...(lapsedOf.get(l.userId) ?? []), l]);
	const shownIds = shownOf.flat().map((m) => m.id);
	const progressOf = new Map(matrixProgressForUsers(shownIds, now, lapsed).map((t) => [t.userId, t]));
	const kpis = kpisFor(shownIds);
	const programmeTitle = new Map(programmes.map((p) => [p.id, p.title]));
	const columns = { courses, programmes: programmes.map((p) => ({ slug: p.slug, title: p.title })) };
	return cohortList.map((cohort, i): CohortView => {
		const members = membersOf[i];
		const nameOf = new Map(members.map((m) => [m.id, m.name]));
		return {
			id: cohort.id,
			name: cohort.name,
			targets: currentMonthTargets(
				cohort.id,
				members.map((m) => m.id),
				now
			),
			columns,
			rowsPage: rowsPages[i],
			rows: shownOf[i].map((m) => {
				const t = progressOf.get(m.id)!;
				const k = kpis.get(m.id) ?? kpisOf(undefined);
				return {
					userId: m.id,
					name: m.name,
					kpis: {
						calls: k.calls,
						handle: seconds(k.averageHandleSeconds),
						acw: seconds(k.averageAcwSeconds),
						hold: seconds(k.averageHoldSeconds),
						firstContactResolution: k.firstContactResolution
					},
					courses: courses.map((c): CourseCell => {
						const ev = t.courses.find((x) => x.slug === c.slug);
						return ev ? { best: ev.bestScore } : null;
					}),
					programmes: programmes.map((p): ProgrammeCell => {
						const pr = t.programmes.find((x) => x.slug === p.slug);
						const state = pr?.state ?? 'in-progress';
						return {
							state,
							...(state === 'in-progress' ? { done: pr?.done ?? 0, required: pr?.required ?? 0 } : {}),
							...(pr?.status === 'lapsed' ? { lapsed: true as const } : {})
						};
					})
				};
			}),
			weakest: weakestSkillsOfTrainees(members.map((m) => m.id)),
			lapsed: members.flatMap((m) =>
				(lapsedOf.get(m.id) ?? []).flatMap((l) =>
					programmeTitle.has(l.programmeId) ? [{ userId: m.id, name: nameOf.get(m.id)!, programmeTitle: programmeTitle.get(l.programmeId)!, since: l.dueAt, noteId: l.noteId }] : []
				)
			)
		};
	});
}

/** A cohort's active trainees by name: ids and names only (users_cohort_idx, one probe of user_roles each). */
function cohortMembers(cohortId: number): { id: number; name: string }[] {
	return cohortMembersOf().all({ cohortId });
}
const cohortMembersOf = lazy(() =>
	db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(eq(users.cohortId, sql.placeholder('cohortId')), isActiveTrainee))
		.orderBy(asc(users.name), asc(users.id))
		.prepare()
);

/** Cohorts per page of the trainer home (each with a page of its matrix). */
export const TRAINER_COHORTS_PER_PAGE = 5;

/**
 * The trainer's home: one page of the cohorts they lead (by name, cohorts_trainer_idx), each as a matrix of one page
 * of its trainees (`rowsPageOf(cohortId)`, 1 when not asked).
 */
export function trainerDashboard(trainerId: number, now = new Date(), page = 1, rowsPageOf: (cohortId: number) => number = () => 1) {
	const cohortPageInfo = pageInfo(countCohorts({ trainerId }), page, TRAINER_COHORTS_PER_PAGE);
	const list = listCohorts({ trainerId }, { limit: cohortPageInfo.size, offset: cohortPageInfo.offset });
	return { list, cohorts: cohortViews(list, now, rowsPageOf), cohortPageInfo };
}

/** Cohorts per page of the admin home's per-cohort list, and certificates shown under "expiring soon". */
export const ADMIN_COHORTS_PER_PAGE = 10;
export const EXPIRING_SHOWN = 10;

const trainees = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee'));
const activeTrainee = and(eq(users.active, true), inArray(users.id, trainees));
/**
 * The same test row by row, one probe of user_roles' primary key per member: SQLite then drives from the page's
 * cohorts (an `in (…)` list would first read every trainee's role row).
 */
const isActiveTrainee = and(
	eq(users.active, true),
	sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'trainee')`
);

/**
 * The admin's overview in SQL aggregates over narrow index rows (certificates' latest cycles, active trainees,
 * this month's stored rows): no list of trainees or certificates comes back to the process. Status counts per
 * programme are one grouped query; "expiring soon" is the first EXPIRING_SHOWN by expiry (a range of
 * certificates_expires_idx) and a count; the per-cohort lines are one page of ADMIN_COHORTS_PER_PAGE cohorts by
 * name (`cohortPage`), each figure grouped by cohort over that page's members only (users_cohort_idx).
 * "Certified" = the latest certificate is in force (valid or expiring), which is exactly when a trainee's
 * programme progress shows a current certificate in force.
 * The organisation-wide part (the counts, the status counts, expiring soon) grows with the organisation, so it is
 * kept until what it reads changes (`keptUntilChange`): a write to certificates, trainees, retraining or programmes,
 * or the next moment a certificate's status changes by time alone (`nextStatusChange`).
 */
export function adminDashboard(now = new Date(), cohortPage = 1) {
	const programmes = listProgrammes();
	return { ...organisationCertification(now), ...perCohortPage(now, programmes, cohortPage) };
}

const organisationCertification = keptUntilChange('certificate_status', (now) => ({ value: readOrganisationCertification(now), changesAt: nextStatusChange(now) }));

/**
 * The first moment after `now` at which some certificate's status (or membership of "expiring soon") changes with no
 * write: an expiry (expired), an expiry less the window (expiring), or a retraining update's due date passed (lapsed).
 * Every certificate counts, not only latest cycles: an earlier moment only means reading again sooner.
 */
const nextStatusChangeStatement = lazy(() =>
	sqlite
		.prepare(
			`select min(
				coalesce((select min(expires_at) from certificates where expires_at > @t), @never),
				coalesce((select min(expires_at) from certificates where expires_at > @t + @window) - @window, @never),
				coalesce((select min(due_at) from certificate_updates where due_at >= @t) + 1, @never))`
		)
		.pluck()
);
export function nextStatusChange(now: Date): number {
	return nextStatusChangeStatement().get({ t: now.getTime(), window: EXPIRING_SOON_DAYS * 86_400_000, never: Number.MAX_SAFE_INTEGER }) as number;
}

function readOrganisationCertification(now: Date) {
	const trainees = db.select({ n: count() }).from(users).where(activeTrainee).get()?.n ?? 0;
	const programmes = listProgrammes();
	const statusSum = (status: CertificateStatus) => sql<number>`coalesce(sum(case when ${statusCondition(status, now)} then 1 else 0 end), 0)`;
	const grouped = new Map(
		db
			.select({
				programmeId: certificates.programmeId,
				valid: statusSum('valid'),
				expiring: statusSum('expiring'),
				lapsed: statusSum('lapsed'),
				expired: statusSum('expired'),
				revoked: statusSum('revoked')
			})
			.from(certificates)
			.innerJoin(users, eq(users.id, certificates.userId))
			.where(and(isLatestCycle, activeTrainee))
			.groupBy(certificates.programmeId)
			.all()
			.map((r) => [r.programmeId, r])
	);
	const byProgramme = programmes.map((p) => {
		const g = grouped.get(p.id);
		const counts = { valid: Number(g?.valid ?? 0), expiring: Number(g?.expiring ?? 0), lapsed: Number(g?.lapsed ?? 0), expired: Number(g?.expired ?? 0), revoked: Number(g?.revoked ?? 0) };
		const none = trainees - counts.valid - counts.expiring - counts.lapsed - counts.expired - counts.revoked;
		return { slug: p.slug, title: p.title, counts: { ...counts, none } };
	});
	const expiringWhere = and(statusCondition('expiring', now), isLatestCycle);
	const expiringSoon = db
		.select({
			id: certificates.id,
			userId: certificates.userId,
			holderName: certificates.holderName,
			programmeTitle: certificates.programmeTitle,
			expiresAt: certificates.expiresAt
		})
		.from(certificates)
		.where(expiringWhere)
		.orderBy(asc(certificates.expiresAt), asc(certificates.id))
		.limit(EXPIRING_SHOWN)
		.all()
		.map((c) => ({ ...c, expiresAt: c.expiresAt! }));
	const expiringTotal = db.select({ n: count() }).from(certificates).where(expiringWhere).get()?.n ?? 0;
	return { trainees, byProgramme, expiringSoon, expiringTotal };
}

/** One page of the admin home's per-cohort lines; trainees without a cohort come last as "No cohort". */
function perCohortPage(now: Date, programmes: { id: number; slug: string; title: string }[], requested: number) {
	const cohortCount = countCohorts();
	const withoutCohort = db.select({ n: count() }).from(users).where(and(isNull(users.cohortId), isActiveTrainee)).get()?.n ?? 0;
	const cohortPageInfo = pageInfo(cohortCount + (withoutCohort > 0 ? 1 : 0), requested, ADMIN_COHORTS_PER_PAGE);
	const page: { id: number; name: string }[] = listCohorts({}, { limit: cohortPageInfo.size, offset: cohortPageInfo.offset });
	const noneOnPage = withoutCohort > 0 && cohortPageInfo.offset + cohortPageInfo.size > cohortCount;
	if (noneOnPage) page.push({ id: 0, name: 'No cohort' });
	if (page.length === 0) return { perCohort: [], cohortPageInfo };

	const ids = page.map((c) => c.id).filter((id) => id !== 0);
	const members = and(or(ids.length ? inArray(users.cohortId, ids) : undefined, noneOnPage ? isNull(users.cohortId) : undefined), isActiveTrainee);
	const cohortKey = sql<number>`coalesce(${users.cohortId}, 0)`;
	const month = new Map(
		db
			.select({
				cohortId: cohortKey,
				trainees: count(),
				active: count(traineeMonthStats.userId),
				assessmentCalls: sql<number>`coalesce(sum(${traineeMonthStats.assessmentCalls}), 0)`
			})
			.from(users)
			.leftJoin(traineeMonthStats, and(eq(traineeMonthStats.userId, users.id), eq(traineeMonthStats.month, monthOf(now))))
			.where(members)
			.groupBy(cohortKey)
			.all()
			.map((r) => [r.cohortId, r])
	);
	const programmeIds = programmes.map((p) => p.id);
	const held = and(members, isLatestCycle, programmeIds.length ? inArray(certificates.programmeId, programmeIds) : sql`0`);
	const certified = new Map(
		db
			.select({ cohortId: cohortKey, programmeId: certificates.programmeId, n: count() })
			.from(certificates)
			.innerJoin(users, eq(users.id, certificates.userId))
			.where(and(held, inForceCondition(now)))
			.groupBy(cohortKey, certificates.programmeId)
			.all()
			.map((r) => [`${r.cohortId}:${r.programmeId}`, r.n])
	);
	const expiring = new Map(
		db
			.select({ cohortId: cohortKey, n: countDistinct(certificates.userId) })
			.from(certificates)
			.innerJoin(users, eq(users.id, certificates.userId))
			.where(and(held, statusCondition('expiring', now)))
			.groupBy(cohortKey)
			.all()
			.map((r) => [r.cohortId, r.n])
	);
	const perCohort = page.map((cohort) => {
		const m = month.get(cohort.id);
		const trainees = m?.trainees ?? 0;
		return {
			id: cohort.id,
			name: cohort.name,
			trainees,
			activeThisMonth: m?.active ?? 0,
			assessmentCallsThisMonth: Number(m?.assessmentCalls ?? 0),
			expiring: expiring.get(cohort.id) ?? 0,
			programmes: programmes.map((p) => {
				const n = certified.get(`${cohort.id}:${p.id}`) ?? 0;
				return { slug: p.slug, title: p.title, certified: n, percent: trainees ? Math.round((n * 100) / trainees) : 0 };
			})
		};
	});
	return { perCohort, cohortPageInfo };
}
