import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { listPublishedCourses } from '$lib/server/courses/catalogue';
import { completedCourseSlugs, progressInCourses } from '$lib/server/courses/progress';
import { lockingPrerequisites } from '$lib/server/courses/access';
import { contentLocale } from '$lib/server/courses/content-locale';
import { courseIn } from '$lib/server/content/course-language';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const all = listPublishedCourses();
	const completed = completedCourseSlugs(user.id);
	const wanted = contentLocale(event);
	const texts = new Map(all.map((p) => [p.row.slug, courseIn(p.course, wanted)]));
	const progress = progressInCourses(user.id, all);
	return {
		courses: all.map((p) => {
			const { missing, locked } = lockingPrerequisites(user, p, completed);
			const text = texts.get(p.row.slug)!;
			return {
				slug: p.row.slug,
				title: text.title,
				summary: text.summary,
				language: text.language,
				level: p.course.meta.level,
				minutes: p.course.meta.minutes,
				lessonCount: p.course.lessons.length,
				progress: progress.get(p.row.id)!,
				completed: completed.has(p.row.slug),
				missing: missing.map((slug) => ({ slug, title: texts.get(slug)?.title ?? slug })),
				locked
			};
		})
	};
};
