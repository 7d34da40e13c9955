import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { openLesson } from '$lib/server/courses/access';
import { markLessonRead, readLessonSlugs, setPosition, updateCompletion } from '$lib/server/courses/progress';
import { answersFromForm, quizViews, submitQuizAttempt } from '$lib/server/courses/quiz';
import { renderMarkdown } from '$lib/server/content/markdown';
import { UnknownQuestionError } from '$lib/domain/quiz-grader';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const { pub, lesson, index } = openLesson(user, event.params.course, event.params.lesson);
	setPosition(user.id, pub.row.id, lesson.slug);
	const lessons = pub.course.lessons;
	const link = (i: number) => (lessons[i] ? { slug: lessons[i].slug, title: lessons[i].title } : null);
	return {
		course: { slug: pub.row.slug, title: pub.course.meta.title, passMark: pub.course.meta.passMark },
		lesson: { slug: lesson.slug, title: lesson.title, minutes: lesson.minutes, number: index + 1, of: lessons.length },
		read: readLessonSlugs(user.id, pub.row.id).has(lesson.slug),
		rendered: renderMarkdown(lesson.body),
		quizzes: quizViews(user.id, pub, lesson),
		previous: link(index - 1),
		next: link(index + 1)
	};
};

function quizIndexFrom(form: FormData, count: number): number | null {
	const n = Number(form.get('quiz'));
	return Number.isInteger(n) && n >= 0 && n < count ? n : null;
}

export const actions: Actions = {
	quiz: async (event) => {
		const user = requireUser(event);
		const { pub, lesson } = openLesson(user, event.params.course, event.params.lesson);
		const form = await event.request.formData();
		const index = quizIndexFrom(form, lesson.quizzes.length);
		if (index === null) return fail(400, { quizError: { index: -1, message: 'There is no such quiz in this lesson.' } });
		const answers = answersFromForm(lesson.quizzes[index].questions, form);
		try {
			const grade = submitQuizAttempt(user.id, pub, lesson, index, answers);
			return { quizResult: { index, grade } };
		} catch (e) {
			if (e instanceof UnknownQuestionError) return fail(400, { quizError: { index, message: e.message } });
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
		updateCompletion(user.id, pub.row.id, pub.version.id, pub.course);
		const next = pub.course.lessons[index + 1];
		redirect(303, next ? `/courses/${pub.row.slug}/${next.slug}` : `/courses/${pub.row.slug}`);
	}
};
