import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { getPublishedCourse, listPublishedCourses } from '$lib/server/courses/catalogue';
import { lockingPrerequisites } from '$lib/server/courses/access';
import { bestScoresInCourse, completionOf, getPosition, progressIn, readLessonSlugs } from '$lib/server/courses/progress';
import { quizKey } from '$lib/domain/course-progress';
import { renderUntrustedHtml } from '$lib/server/content/render-pool';
import { violationText } from '$lib/server/content/limits';
import { contentLocale } from '$lib/server/courses/content-locale';
import { courseIn, languageNote, lessonIn, noteIn } from '$lib/server/content/course-language';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const pub = getPublishedCourse(event.params.course);
	if (!pub) error(404, { message: m.srv_no_course() });
	const { course, row } = pub;
	const wanted = contentLocale(event);
	const text = courseIn(course, wanted);
	const titles = new Map(listPublishedCourses().map((p) => [p.row.slug, courseIn(p.course, wanted).title]));
	const { missing, locked } = lockingPrerequisites(user, pub);
	const read = readLessonSlugs(user.id, row.id);
	const best = bestScoresInCourse(user.id, row.id);
	const position = getPosition(user.id, row.id);
	const intro = await renderUntrustedHtml(text.intro);
	const lessons = course.lessons.map((l) => lessonIn(l, course.language, wanted));
	const resume = lessons.find((l) => l.slug === position) ?? lessons.find((l) => !read.has(l.slug)) ?? lessons[0];
	return {
		course: {
			slug: row.slug,
			title: text.title,
			summary: text.summary,
			language: text.language,
			languageNote: noteIn(languageNote(text, wanted, 'course'), wanted),
			level: course.meta.level,
			minutes: course.meta.minutes,
			passMark: course.meta.passMark,
			introHtml: intro.html,
			introError: intro.error ? violationText(intro.error) : null
		},
		lessons: lessons.map((l) => ({
			slug: l.slug,
			title: l.title,
			minutes: l.minutes,
			language: l.language,
			read: read.has(l.slug),
			quizzes: l.quizzes.map((q) => best.get(quizKey(l.slug, q.index)) ?? null)
		})),
		progress: progressIn(user.id, row.id, course, { readLessons: read, bestScores: best }),
		completedAt: completionOf(user.id, row.id)?.completedAt ?? null,
		missing: missing.map((slug) => ({ slug, title: titles.get(slug) ?? slug })),
		locked,
		resume: { slug: resume.slug, title: resume.title, started: position !== undefined || read.size > 0 }
	};
};
