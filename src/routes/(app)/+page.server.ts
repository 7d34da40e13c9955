import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { countCohorts, userCounts } from '$lib/server/db/queries/users';
import { traineeCoursesSummary, trainerCoursesSummary } from '$lib/server/courses/dashboard';
import { contentLocale } from '$lib/server/courses/content-locale';
import { adminDashboard, traineeDashboard, trainerDashboard } from '$lib/server/certification/dashboards';
import { matrixPageParam } from '$lib/domain/certification/matrix';
import { callsDashboard } from '$lib/server/calls/results';
import { traineeTasks } from '$lib/server/assignments/assignments';
import { pageFromUrl } from '$lib/server/pagination';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const isAdmin = user.roles.includes('admin');
	const isTrainer = user.roles.includes('trainer');
	const now = new Date();
	// The lists that grow with the organisation come a page at a time: the trainer's cohorts (`?myCohorts=N`) and the
	// admin's per-cohort lines (`?cohortPage=N`), and each cohort's matrix a page of its trainees (`?rows<cohort id>=N`).
	const trainer = isTrainer ? trainerDashboard(user.id, now, pageFromUrl(event.url, 'myCohorts'), (id) => pageFromUrl(event.url, matrixPageParam(id))) : null;
	return {
		now,
		tasks: user.roles.includes('trainee') ? traineeTasks(user, now) : null,
		admin: isAdmin ? { ...userCounts(), cohorts: countCohorts() } : null,
		trainerCohorts: trainer ? { list: trainer.list, pageInfo: trainer.cohortPageInfo } : null,
		traineeCourses: user.roles.includes('trainee') ? traineeCoursesSummary(user, contentLocale(event)) : null,
		trainerCourses: isTrainer || isAdmin ? trainerCoursesSummary(user) : null,
		certification: {
			trainee: user.roles.includes('trainee') ? await traineeDashboard(user.id) : null,
			trainer: trainer ? { cohorts: trainer.cohorts, pageInfo: trainer.cohortPageInfo } : null,
			admin: isAdmin ? adminDashboard(now, pageFromUrl(event.url, 'cohortPage')) : null
		},
		// An admin sees every trainee, a trainer the trainees of their cohorts: either review count is one sum over
		// those trainees' stored rows in SQL (no id list).
		calls: callsDashboard(user, isAdmin ? 'allTrainees' : isTrainer ? 'myCohorts' : [])
	};
};
