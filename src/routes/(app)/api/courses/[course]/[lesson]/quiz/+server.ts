// POST /api/courses/:course/:lesson/quiz — grade one quiz of a lesson: { quiz, answers } → score and explanations.
import { z } from 'zod';
import { json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { ApiFailure, apiHandler, parseJsonBody } from '$lib/server/http';
import { getPublishedCourse } from '$lib/server/courses/catalogue';
import { lockingPrerequisites } from '$lib/server/courses/access';
import { submitQuizAttempt } from '$lib/server/courses/quiz';
import { contentLanguageSchema, quizSubmissionSchema } from '$lib/schemas/course';
import { contentLocale } from '$lib/server/courses/content-locale';
import { lessonIn } from '$lib/server/content/course-language';
import { BlankQuizError, UnknownQuestionError } from '$lib/domain/quiz-grader';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';

/** `language`: the language the quiz was shown in (ordering answers are item texts); default the trainee's. */
const bodySchema = quizSubmissionSchema.extend({ quiz: z.number().int().min(0), language: contentLanguageSchema.optional() });

export const POST = apiHandler(async (event) => {
	const user = requireUser(event);
	const body = await parseJsonBody(event, bodySchema);
	const pub = getPublishedCourse(event.params.course ?? '');
	const original = pub?.course.lessons.find((l) => l.slug === event.params.lesson);
	if (!pub || !original) throw new ApiFailure(404, 'not_found', m.api_no_course_or_lesson());
	if (lockingPrerequisites(user, pub).locked) {
		throw new ApiFailure(403, 'locked', m.api_prerequisites_first());
	}
	const lesson = lessonIn(original, pub.course.language, body.language ?? contentLocale(event));
	if (!lesson.quizzes[body.quiz]) throw new ApiFailure(400, 'unknown_quiz', m.api_no_quiz({ quiz: formatInteger(body.quiz) }), 'quiz');
	try {
		return json(submitQuizAttempt(user.id, pub, lesson, body.quiz, body.answers));
	} catch (e) {
		if (e instanceof UnknownQuestionError) throw new ApiFailure(400, 'unknown_question', e.message, `answers.${e.questionId}`);
		if (e instanceof BlankQuizError) throw new ApiFailure(400, 'no_answers', e.message, 'answers');
		throw e;
	}
});
