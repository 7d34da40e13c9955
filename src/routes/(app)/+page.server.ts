import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { listCohorts, userCounts, visibleTraineeIds } from '$lib/server/db/queries/users';
import { traineeCoursesSummary, trainerCoursesSummary } from '$lib/server/courses/dashboard';
import { contentLocale } from '$lib/server/courses/content-locale';
import { adminDashboard, traineeDashboard, trainerDashboard } from '$lib/server/certification/dashboards';
import { callsDashboard } from '$lib/server/calls/results';
import { traineeTasks } from '$lib/server/assignments/assignments';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const isAdmin = user.roles.includes('admin');
	const isTrainer = user.roles.includes('trainer');
	const now = new Date();
	return {
		now,
		tasks: user.roles.includes('trainee') ? traineeTasks(user, now) : null,
		admin: isAdmin
			? { ...userCounts(), cohorts: listCohorts().length }
			: null,
		trainerCohorts: isTrainer ? listCohorts({ trainerId: user.id }) : null,
		traineeCourses: user.roles.includes('trainee') ? traineeCoursesSummary(user, contentLocale(event)) : null,
		trainerCourses: isTrainer || isAdmin ? trainerCoursesSummary(user) : null,
		certification: {
			trainee: user.roles.includes('trainee') ? await traineeDashboard(user.id) : null,
			trainer: isTrainer ? await trainerDashboard(user.id) : null,
			admin: isAdmin ? await adminDashboard() : null
		},
		calls: callsDashboard(user, isTrainer || isAdmin ? visibleTraineeIds(user) : [])
	};
};
