import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { listPublishedCourses } from '$lib/server/courses/catalogue';
import { completedCourseSlugs, progressIn } from '$lib/server/courses/progress';
import { lockingPrerequisites } from '$lib/server/courses/access';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const all = listPublishedCourses();
	const completed = completedCourseSlugs(user.id);
	const titles = new Map(all.map((p) => [p.row.slug, p.course.meta.title]));
	return {
		courses: all.map((p) => {
			const { missing, locked } = lockingPrerequisites(user, p, completed);
			return {
				slug: p.row.slug,
				title: p.course.meta.title,
				summary: p.course.meta.summary,
				level: p.course.meta.level,
				minutes: p.course.meta.minutes,
				lessonCount: p.course.lessons.length,
				progress: progressIn(user.id, p.row.id, p.course),
				completed: completed.has(p.row.slug),
				missing: missing.map((slug) => ({ slug, title: titles.get(slug) ?? slug })),
				locked
			};
		})
	};
};
