// One trainee's certification report: programmes, certificates, simulator KPIs and recent calls —
// the data behind the printable page and its PDF. At constant cost whatever the trainee's history: the stored
// evaluations (programme_progress), the stored aggregates of their assessment calls (trainee_assessment_stats) and
// their 15 newest assessment calls by index; no call but those 15 is read.
import { canSeeTrainee, getUser } from '$lib/server/db/queries/users';
import type { SessionUser } from '$lib/server/auth/session';
import { ApiFailure } from '$lib/server/http';
import { titleOf } from '$lib/domain/certification/describe';
import { assessmentStatsOf, kpisOf, weakestSkillsOf } from '$lib/server/calls/stats';
import { getAssessmentResultsOf } from '$lib/server/calls/results';
import { certificateViews } from './certificates';
import { storedProgressForUsers } from './progress';
import { m } from '$lib/paraglide/messages';

export function traineeReport(userId: number, now = new Date()) {
	const user = getUser(userId);
	if (!user) return null;
	const { trainees, names } = storedProgressForUsers([userId], now);
	const stats = assessmentStatsOf(userId);
	return {
		generatedAt: now,
		trainee: { id: user.id, name: user.name, email: user.email, cohort: user.cohortName, active: user.active },
		programmes: trainees[0].programmes,
		certificates: certificateViews(userId, now),
		kpis: kpisOf(stats),
		skills: stats ? weakestSkillsOf([stats]) : [],
		recentCalls: getAssessmentResultsOf(userId, 15).map((c) => ({
			id: c.callId,
			scenario: titleOf(names.scenarios, c.scenarioSlug),
			angry: c.angryStart,
			total: c.total,
			recordAccuracy: c.recordAccuracy,
			endedAt: c.endedAt
		}))
	};
}

export type TraineeReport = NonNullable<ReturnType<typeof traineeReport>>;

/**
 * The report on `userId` if `viewer` may read it: admins anyone's, trainers those of their cohorts'
 * trainees. 404 when there is no such user, 403 when it is someone else's trainee.
 */
export function traineeReportFor(viewer: Pick<SessionUser, 'id' | 'roles'>, userId: number, now = new Date()): TraineeReport {
	if (!Number.isInteger(userId) || userId < 1 || !getUser(userId)) throw new ApiFailure(404, 'not_found', m.api_no_user());
	if (!viewer.roles.includes('admin') && !canSeeTrainee(viewer, userId)) {
		throw new ApiFailure(403, 'forbidden', m.api_not_your_trainee());
	}
	return traineeReport(userId, now)!;
}
