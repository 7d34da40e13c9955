// Data for the certification sections of the home dashboards (trainee, trainer, admin).
import { activeTrainees, listCohorts, listUsers } from '$lib/server/db/queries/users';
import { scoreTrend, type CallKpis, type SkillAverage } from '$lib/domain/certification/kpis';
import { callStatsFor, kpisOf, weakestSkillsOf } from '$lib/server/calls/stats';
import { getCallResults } from '$lib/server/calls/results';

const TREND_CALLS = 20;
import { isInForceStatus, type CertificateStatus } from '$lib/domain/certification/status';
import { certificateViews, latestCertificates, withStatus, type LatestCertificate } from './certificates';
import { currentMonthTargets, monthActivity, type TargetMonth } from '$lib/server/targets/targets';
import { monthOf } from '$lib/domain/targets/targets';
import { listProgrammes } from './programmes';
import { titleOf } from '$lib/domain/certification/describe';
import { storedProgressForUsers, type ProgrammeProgress } from './progress';

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

export type MatrixCell =
	| { kind: 'course'; passed: boolean; bestScore: number | null }
	| { kind: 'programme'; state: ProgrammeProgress['state']; label: string; done: number; required: number; status: CertificateStatus | null };

export interface CohortView {
	id: number;
	name: string;
	columns: { key: string; kind: 'course' | 'programme'; title: string }[];
	rows: { userId: number; name: string; cells: MatrixCell[]; kpis: CallKpis }[];
	weakest: SkillAverage[];
	/** This month's targets and progress (two indexed queries on stored aggregates). */
	targets: TargetMonth;
	/** Trainees whose certificate lapsed because a retraining update is overdue. */
	lapsed: { userId: number; name: string; programmeTitle: string; since: Date; noteId: number }[];
}

function cohortViews(cohortIds: { id: number; name: string }[], now: Date): CohortView[] {
	const views: CohortView[] = [];
	for (const cohort of cohortIds) {
		const members = listUsers({ cohortId: cohort.id, role: 'trainee' }).filter((u) => u.active);
		const { trainees, names, programmes } = storedProgressForUsers(members.map((m) => m.id), now, { courses: true });
		const stats = callStatsFor(members.map((m) => m.id));
		const nameOf = new Map(members.map((m) => [m.id, m.name]));
		const columns = [
			...names.courses.map((c) => ({ key: `course:${c.slug}`, kind: 'course' as const, title: c.title })),
			...programmes.map((p) => ({ key: `programme:${p.slug}`, kind: 'programme' as const, title: p.title }))
		];
		views.push({
			id: cohort.id,
			name: cohort.name,
			targets: currentMonthTargets(
				cohort.id,
				members.map((m) => m.id),
				now
			),
			columns,
			rows: trainees.map((t) => ({
				userId: t.userId,
				name: nameOf.get(t.userId)!,
				kpis: kpisOf(stats.get(t.userId)),
				cells: [
					...names.courses.map((c): MatrixCell => {
						const ev = t.courses.find((x) => x.slug === c.slug);
						return { kind: 'course', passed: !!ev?.passed, bestScore: ev?.bestScore ?? null };
					}),
					...programmes.map((p): MatrixCell => {
						const pr = t.programmes.find((x) => x.slug === p.slug);
						return {
							kind: 'programme',
							state: pr?.state ?? 'in-progress',
							label: pr?.stateLabel ?? '—',
							done: pr?.done ?? 0,
							required: pr?.required ?? 0,
							status: pr?.current?.status ?? null
						};
					})
				]
			})),
			weakest: weakestSkillsOf(stats.values()),
			lapsed: trainees.flatMap((t) =>
				t.programmes.flatMap((p) =>
					p.current?.status === 'lapsed' && p.current.updateDue
						? [{ userId: t.userId, name: nameOf.get(t.userId)!, programmeTitle: p.title, since: p.current.updateDue.dueAt, noteId: p.current.updateDue.noteId }]
						: []
				)
			)
		});
	}
	return views;
}

export function trainerDashboard(trainerId: number, now = new Date()) {
	const cohorts = listCohorts({ trainerId });
	return { cohorts: cohortViews(cohorts, now) };
}

/**
 * The admin's overview from the certificates alone (the latest cycle of each trainee × programme, narrow rows) and
 * the active trainees: no evidence is read and no programme evaluated, so its cost does not grow with calls.
 * "Certified" = the latest certificate is in force (valid or expiring), which is exactly when a trainee's
 * programme progress shows a current certificate in force.
 */
export function adminDashboard(now = new Date()) {
	const trainees = activeTrainees();
	const programmes = listProgrammes();
	const latest = new Map<string, ReturnType<typeof withStatus<LatestCertificate>>[number]>();
	for (const c of withStatus(latestCertificates(), now)) latest.set(`${c.userId}:${c.programmeId}`, c);
	const traineeIds = new Set(trainees.map((t) => t.id));
	const byProgramme = programmes.map((p) => {
		const counts: Record<CertificateStatus | 'none', number> = { valid: 0, expiring: 0, lapsed: 0, expired: 0, revoked: 0, none: 0 };
		for (const t of trainees) {
			const c = latest.get(`${t.id}:${p.id}`);
			counts[c ? c.status : 'none']++;
		}
		return { slug: p.slug, title: p.title, counts };
	});
	const expiringSoon = [...latest.values()]
		.filter((c) => c.status === 'expiring')
		.sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime())
		.map((c) => ({ id: c.id, userId: c.userId, holderName: c.holderName, programmeTitle: c.programmeTitle, expiresAt: c.expiresAt! }));
	// This month's activity from the stored per-trainee month rows (one query for every cohort): a trainee with a row
	// completed a scored call this month.
	const activity = monthActivity(monthOf(now));
	const perCohort = [...listCohorts(), { id: 0, name: 'No cohort' }].map((cohort) => {
		const members = trainees.filter((t) => (t.cohortId ?? 0) === cohort.id);
		const month = members.map((t) => activity.get(t.id)).filter((a) => a !== undefined);
		return {
			id: cohort.id,
			name: cohort.name,
			trainees: members.length,
			activeThisMonth: month.length,
			assessmentCallsThisMonth: month.reduce((n, a) => n + a.assessmentCalls, 0),
			expiring: members.filter((t) => programmes.some((p) => {
				const c = latest.get(`${t.id}:${p.id}`);
				return !!c && c.status === 'expiring';
			})).length,
			programmes: programmes.map((p) => {
				const certified = members.filter((m) => {
					const c = latest.get(`${m.id}:${p.id}`);
					return !!c && traineeIds.has(m.id) && isInForceStatus(c.status);
				}).length;
				return { slug: p.slug, title: p.title, certified, percent: members.length ? Math.round((certified * 100) / members.length) : 0 };
			})
		};
	}).filter((c) => c.trainees > 0 || c.id !== 0);
	return { trainees: trainees.length, byProgramme, expiringSoon, perCohort };
}
