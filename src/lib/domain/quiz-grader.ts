// Pure quiz grading: turns questions + a trainee's answers into a score, builds the answer-free view of a quiz
// that is sent to the browser (questions, options and ordering items shuffled deterministically per attempt), and
// decides how much of a graded attempt a trainee may see (correct answers only after a pass or the course's
// number of attempts).
import type { QuestionAnswer, QuizQuestion } from '../schemas/course';

/** An option as shown: its text and its index in the question as written (what the form sends back). */
export type PublicOption = { value: number; label: string };

/** What the browser may see before submission: never the answer. */
export type PublicQuestion =
	| { id: string; type: 'single' | 'multiple'; prompt: string; options: PublicOption[] }
	| { id: string; type: 'truefalse'; prompt: string }
	| { id: string; type: 'ordering'; prompt: string; items: string[] };

export type QuestionResult = {
	id: string;
	correct: boolean;
	/** Missing answers count as wrong. */
	answered: boolean;
	explanation: string;
	/** The correct answer in a display form, shown only after submission. */
	correctAnswer: string[];
};

export type QuizGrade = {
	/** Whole percent 0–100, rounded down so a pass is never granted by rounding. */
	score: number;
	correctCount: number;
	total: number;
	passed: boolean;
	results: QuestionResult[];
};

export class UnknownQuestionError extends Error {
	constructor(readonly questionId: string) {
		super(`There is no question "${questionId}" in this quiz.`);
	}
}

/** A submission that answers nothing; it is refused and never counts as an attempt. */
export class BlankQuizError extends Error {
	constructor() {
		super('Answer at least one question before you check your answers. Nothing was counted as an attempt.');
	}
}

/**
 * Whether a submission answers nothing: no choice made and every ordering left as it was shown (the shown order is
 * never the right one, so leaving it unchanged is not an answer).
 */
export function answersNothing(shown: PublicQuestion[], answers: Record<string, QuestionAnswer>): boolean {
	return shown.every((q) => {
		const answer = answers[q.id];
		if (answer === undefined) return true;
		if (q.type === 'ordering') return Array.isArray(answer) && answer.length === q.items.length && answer.every((v, i) => v === q.items[i]);
		return Array.isArray(answer) && answer.length === 0;
	});
}

function sameIndexSet(a: number[], b: number[]): boolean {
	if (a.length !== b.length) return false;
	const set = new Set(a);
	return set.size === a.length && b.every((i) => set.has(i));
}

/** Whether one answer is right. Answers of the wrong shape are simply wrong, never an exception. */
export function isAnswerCorrect(question: QuizQuestion, answer: QuestionAnswer | undefined): boolean {
	if (answer === undefined) return false;
	switch (question.type) {
		case 'single':
			return typeof answer === 'number' && answer === question.answer;
		case 'multiple':
			return (
				Array.isArray(answer) &&
				answer.every((v) => typeof v === 'number') &&
				sameIndexSet(answer as number[], question.answer)
			);
		case 'truefalse':
			return typeof answer === 'boolean' && answer === question.answer;
		case 'ordering':
			return (
				Array.isArray(answer) &&
				answer.length === question.items.length &&
				answer.every((v, i) => v === question.items[i])
			);
	}
}

export function describeCorrectAnswer(question: QuizQuestion): string[] {
	switch (question.type) {
		case 'single':
			return [question.options[question.answer]];
		case 'multiple':
			return [...question.answer].sort((a, b) => a - b).map((i) => question.options[i]);
		case 'truefalse':
			return [question.answer ? 'True' : 'False'];
		case 'ordering':
			return [...question.items];
	}
}

/**
 * Grades a whole quiz. Throws UnknownQuestionError when an answer names a question that is not in
 * the quiz (the API turns that into a 400).
 */
export function gradeQuiz(
	questions: QuizQuestion[],
	answers: Record<string, QuestionAnswer>,
	passMark: number
): QuizGrade {
	const ids = new Set(questions.map((q) => q.id));
	for (const id of Object.keys(answers)) if (!ids.has(id)) throw new UnknownQuestionError(id);

	const results = questions.map((q) => ({
		id: q.id,
		answered: answers[q.id] !== undefined,
		correct: isAnswerCorrect(q, answers[q.id]),
		explanation: q.explanation,
		correctAnswer: describeCorrectAnswer(q)
	}));
	const correctCount = results.filter((r) => r.correct).length;
	const total = questions.length;
	const score = total === 0 ? 0 : Math.floor((correctCount * 100) / total);
	return { score, correctCount, total, passed: score >= passMark, results };
}

/** FNV-1a 32-bit: a small stable hash for seeding the shuffle. */
function hashSeed(seed: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		h ^= seed.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32 PRNG */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Deterministic Fisher–Yates shuffle (the same seed always gives the same order). */
export function shuffleBySeed<T>(items: readonly T[], seed: string): T[] {
	const out = [...items];
	const next = random(hashSeed(seed));
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * Deterministic shuffle that, with two or more distinct items, never returns the correct order itself (otherwise
 * an ordering question would give its answer away).
 */
export function shuffleDeterministic<T>(items: readonly T[], seed: string): T[] {
	const out = shuffleBySeed(items, seed);
	if (out.length >= 2 && out.every((v, i) => v === items[i])) out.push(out.shift() as T);
	return out;
}

/**
 * The quiz as the browser may see it. `seed` should differ per trainee and attempt: a retake shows the questions,
 * the options and the ordering items in a new order, so answers are not learnt by position.
 */
export function publicQuestions(questions: QuizQuestion[], seed: string): PublicQuestion[] {
	const shown = shuffleBySeed(questions, `${seed}:questions`);
	return shown.map((q): PublicQuestion => {
		switch (q.type) {
			case 'single':
			case 'multiple':
				return {
					id: q.id,
					type: q.type,
					prompt: q.prompt,
					options: shuffleBySeed(
						q.options.map((label, value) => ({ value, label })),
						`${seed}:${q.id}:options`
					)
				};
			case 'truefalse':
				return { id: q.id, type: 'truefalse', prompt: q.prompt };
			case 'ordering':
				return {
					id: q.id,
					type: 'ordering',
					prompt: q.prompt,
					items: shuffleDeterministic(q.items, `${seed}:${q.id}`)
				};
		}
	});
}

/** What a trainee sees of one graded question: the explanation where they went wrong, the answer only when allowed. */
export type QuestionFeedback = {
	id: string;
	correct: boolean;
	answered: boolean;
	/** Shown for wrong answers always, for right ones once the answers are revealed. */
	explanation: string | null;
	/** Only once the answers are revealed (after a pass, or after the course's number of attempts). */
	correctAnswer: string[] | null;
};

export type QuizFeedback = Omit<QuizGrade, 'results'> & {
	results: QuestionFeedback[];
	/** Whether this result shows the correct answers. */
	answersShown: boolean;
	/** Failed attempts still to go before the correct answers are shown; null when only a pass shows them. */
	attemptsBeforeAnswers: number | null;
};

/**
 * How much of a graded attempt the trainee sees. A failed attempt explains what was wrong without giving the
 * answers away; the answers come with a pass, or once `revealAfter` attempts (this one included) were used.
 */
export function feedbackFor(grade: QuizGrade, attemptsUsed: number, revealAfter: number | undefined): QuizFeedback {
	const answersShown = grade.passed || (revealAfter !== undefined && attemptsUsed >= revealAfter);
	return {
		score: grade.score,
		correctCount: grade.correctCount,
		total: grade.total,
		passed: grade.passed,
		answersShown,
		attemptsBeforeAnswers: revealAfter === undefined || answersShown ? null : revealAfter - attemptsUsed,
		results: grade.results.map((r) => ({
			id: r.id,
			correct: r.correct,
			answered: r.answered,
			explanation: !r.correct || answersShown ? r.explanation : null,
			correctAnswer: answersShown && !r.correct ? r.correctAnswer : null
		}))
	};
}
