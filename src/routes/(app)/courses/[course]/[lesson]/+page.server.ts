import { m } from '$lib/paraglide/messages';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { openLesson } from '$lib/server/courses/access';
import { recordRetrainingRead } from '$lib/server/retraining/progress';
import { markLessonRead, readLessonSlugs, setPosition, updateCompletion } from '$lib/server/courses/progress';
import { answersFromForm, quizViews, submitQuizAttempt } from '$lib/server/courses/quiz';
import { renderUntrusted } from '$lib/server/content/render-pool';
import { BlankQuizError, UnknownQuestionError } from '$lib/domain/quiz-grader';
import { contentLanguageSchema } from '$lib/schemas/course';
import { contentLocale } from '$lib/server/courses/content-locale';
import { courseIn, languageNote, lessonIn, noteIn } from '$lib/server/content/course-language';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { pub, lesson: original, index } = openLesson(user, event.params.course, event.params.lesson);
	setPosition(user.id, pub.row.id, original.slug);
	const wanted = contentLocale(event);
	const lesson = lessonIn(original, pub.course.language, wanted);
	const lessons = pub.course.lessons;
	const link = (i: number) => (lessons[i] ? { slug: lessons[i].slug, title: lessonIn(lessons[i], pub.course.language, wanted).title } : null);
	return {
		course: { slug: pub.row.slug, title: courseIn(pub.course, wanted).title, passMark: pub.course.meta.passMark },
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			minutes: lesson.minutes,
			number: index + 1,
			of: lessons.length,
			language: lesson.language,
			languageNote: noteIn(languageNote(lesson, wanted, 'lesson'), wanted)
		},
		read: readLessonSlugs(user.id, pub.row.id).has(lesson.slug),
		rendered: await renderUntrusted(lesson.body),
		quizzes: quizViews(user.id, pub, lesson),
		previous: link(index - 1),
		next: link(index + 1)
	};
};

/** The quiz's number; the answers are read from the raw form (their field names depend on the questions). */
const quizFormSchema = z.object({
	quiz: z.string().regex(/^\d{1,3}$/).transform(Number),
	/** The language the quiz was shown in (the trainee may have switched since); else the trainee's language. */
	lang: contentLanguageSchema.optional()
});
const NO_SUCH_QUIZ = () => m.lesson_no_such_quiz();

export const actions: Actions = {
	quiz: async (event) => {
		const user = requireUser(event);
		const { pub, lesson: original } = openLesson(user, event.params.course, event.params.lesson);
		const parsed = await parseForm(event.request, quizFormSchema);
		if (!parsed.ok) return fail(400, { quizError: { index: -1, message: parsed.failure.data.errors._form ?? NO_SUCH_QUIZ() } });
		const lesson = lessonIn(original, pub.course.language, parsed.data.lang ?? contentLocale(event));
		const index = parsed.data.quiz;
		if (index >= lesson.quizzes.length) return fail(400, { quizError: { index: -1, message: NO_SUCH_QUIZ() } });
		const answers = answersFromForm(lesson.quizzes[index].questions, parsed.form);
		try {
			const grade = submitQuizAttempt(user.id, pub, lesson, index, answers);
			return { quizResult: { index, grade } };
		} catch (e) {
			if (e instanceof UnknownQuestionError || e instanceof BlankQuizError) return fail(400, { quizError: { index, message: e.message } });
			throw e;
		}
	},
	retake: async (event) => {
		requireUser(event);
		return { retake: true };
	},
	next: async (event) => {
		const user = requireUser(event);
		const { pub, lesson, index } = openLesson(user, event.params.course, event.params.lesson);
		markLessonRead(user.id, pub.row.id, lesson.slug);
		recordRetrainingRead(user.id, pub.row.slug, lesson.slug);
		updateCompletion(user.id, pub.row.id, pub.version.id, pub.course);
		const next = pub.course.lessons[index + 1];
		redirect(303, next ? `/courses/${pub.row.slug}/${next.slug}` : `/courses/${pub.row.slug}`);
	}
};
