// Quizzes on the server: the answer-free view sent to the page, reading answers from a form, and
// grading + storing an attempt. Correct answers leave the server only in a graded result.
import { db } from '$lib/server/db';
import { quizAttempts } from '$lib/server/db/schema/courses';
import { BlankQuizError, answersNothing, feedbackFor, gradeQuiz, publicQuestions, type PublicQuestion, type QuizFeedback } from '$lib/domain/quiz-grader';
import type { QuestionAnswer, QuizQuestion } from '$lib/schemas/course';
import type { LoadedLesson } from '$lib/server/content/courses';
import type { PublishedCourse } from './catalogue';
import { attemptCount, bestScoresInCourse, updateCompletion } from './progress';
import { quizKey } from '$lib/domain/course-progress';

export type QuizView = {
	index: number;
	questions: PublicQuestion[];
	attempts: number;
	best: number | null;
};

/** The quiz as this trainee sees it for their next attempt (ordering items shuffled per trainee and attempt). */
function shownQuestions(userId: number, pub: PublishedCourse, lesson: LoadedLesson, quizIndex: number, attempts: number): PublicQuestion[] {
	return publicQuestions(lesson.quizzes[quizIndex].questions, `${userId}:${pub.row.slug}:${lesson.slug}:${quizIndex}:${attempts}`);
}

export function quizViews(userId: number, pub: PublishedCourse, lesson: LoadedLesson): QuizView[] {
	const best = bestScoresInCourse(userId, pub.row.id);
	return lesson.quizzes.map((quiz) => {
		const attempts = attemptCount(userId, pub.row.id, lesson.slug, quiz.index);
		return {
			index: quiz.index,
			questions: shownQuestions(userId, pub, lesson, quiz.index, attempts),
			attempts,
			best: best.get(quizKey(lesson.slug, quiz.index)) ?? null
		};
	});
}

/**
 * Reads answers from a quiz form. Fields: `q:<id>` (radio/checkbox values) and, for ordering
 * questions, `order:<id>` repeated with the item texts in the chosen order (with JavaScript) or
 * `item:<id>` + `pos:<id>` pairs giving each item's chosen position (without). Answers to ids that
 * are not in the quiz are kept, so grading rejects them.
 */
export function answersFromForm(questions: QuizQuestion[], form: FormData): Record<string, QuestionAnswer> {
	const byId = new Map(questions.map((q) => [q.id, q]));
	const answers: Record<string, QuestionAnswer> = {};
	for (const key of new Set([...form.keys()])) {
		const m = /^(q|order|pos):(.+)$/.exec(key);
		if (!m) continue;
		const [, kind, id] = m;
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		const q = byId.get(id);
		if (!q) {
			answers[id] = values;
			continue;
		}
		if (q.type === 'ordering') {
			if (kind === 'order') answers[id] = values;
			if (kind === 'pos') answers[id] = orderFromPositions(form.getAll(`item:${id}`).map(String), values.map(Number));
		} else if (q.type === 'truefalse') {
			if (values[0] === 'true' || values[0] === 'false') answers[id] = values[0] === 'true';
		} else if (q.type === 'single') {
			const n = Number(values[0]);
			if (Number.isInteger(n)) answers[id] = n;
		} else {
			answers[id] = values.map(Number).filter(Number.isInteger);
		}
	}
	return answers;
}

/** Items sorted by their chosen positions (ties keep the shown order). */
function orderFromPositions(items: string[], positions: number[]): string[] {
	return items
		.map((item, i) => ({ item, at: Number.isFinite(positions[i]) ? positions[i] : Infinity, i }))
		.sort((a, b) => a.at - b.at || a.i - b.i)
		.map((x) => x.item);
}

/**
 * Grades and stores an attempt on the live version; throws UnknownQuestionError for foreign ids and BlankQuizError
 * (storing nothing) when nothing is answered. Returns what the trainee may see of it (the correct answers only
 * after a pass or the course's `revealAnswersAfter` attempts).
 */
export function submitQuizAttempt(
	userId: number,
	pub: PublishedCourse,
	lesson: LoadedLesson,
	quizIndex: number,
	answers: Record<string, QuestionAnswer>,
	at = new Date()
): QuizFeedback {
	const quiz = lesson.quizzes[quizIndex];
	const grade = gradeQuiz(quiz.questions, answers, pub.course.meta.passMark);
	const before = attemptCount(userId, pub.row.id, lesson.slug, quizIndex);
	const shown = shownQuestions(userId, pub, lesson, quizIndex, before);
	if (answersNothing(shown, answers)) throw new BlankQuizError();
	db.insert(quizAttempts)
		.values({
			userId,
			courseId: pub.row.id,
			versionId: pub.version.id,
			lessonSlug: lesson.slug,
			quizIndex,
			answers,
			score: grade.score,
			passed: grade.passed,
			createdAt: at
		})
		.run();
	updateCompletion(userId, pub.row.id, pub.version.id, pub.course, at);
	return feedbackFor(grade, before + 1, pub.course.meta.revealAnswersAfter);
}
