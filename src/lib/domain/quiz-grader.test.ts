import { describe, expect, it } from 'vitest';
import type { QuestionAnswer, QuizQuestion } from '../schemas/course';
import {
	UnknownQuestionError,
	answersNothing,
	feedbackFor,
	gradeQuiz,
	isAnswerCorrect,
	publicQuestions,
	shuffleDeterministic
} from './quiz-grader';

const single: QuizQuestion = {
	id: 'greet',
	type: 'single',
	prompt: 'Best greeting?',
	options: ['Yeah?', 'Good morning, CallCraft, Sam speaking', 'Hello'],
	answer: 1,
	explanation: 'Name the company and yourself.'
};
const multiple: QuizQuestion = {
	id: 'min-data',
	type: 'multiple',
	prompt: 'Minimum data set?',
	options: ['Meeting date', 'Favourite colour', 'Client title', 'Outcome'],
	answer: [0, 2, 3],
	explanation: 'Date, title, name, contact, subject, outcome.'
};
const truefalse: QuizQuestion = {
	id: 'verify',
	type: 'truefalse',
	prompt: 'Verify before disclosing account details.',
	answer: true,
	explanation: 'Always.'
};
const ordering: QuizQuestion = {
	id: 'phases',
	type: 'ordering',
	prompt: 'Put the call phases in order',
	items: ['Before', 'During', 'After'],
	explanation: 'Prepare, talk, document.'
};

describe('isAnswerCorrect', () => {
	const cases: [string, QuizQuestion, QuestionAnswer | undefined, boolean][] = [
		['single: right index', single, 1, true],
		['single: wrong index', single, 0, false],
		['single: out-of-range index', single, 7, false],
		['single: array instead of index', single, [1], false],
		['single: missing answer', single, undefined, false],
		['multiple: exact set', multiple, [0, 2, 3], true],
		['multiple: same set in another order', multiple, [3, 0, 2], true],
		['multiple: a subset is wrong', multiple, [0, 2], false],
		['multiple: a superset is wrong', multiple, [0, 1, 2, 3], false],
		['multiple: duplicates do not fake a full set', multiple, [0, 0, 2], false],
		['multiple: a single index is wrong shape', multiple, 0, false],
		['multiple: empty selection', multiple, [], false],
		['truefalse: right', truefalse, true, true],
		['truefalse: wrong', truefalse, false, false],
		['truefalse: number instead of boolean', truefalse, 1, false],
		['ordering: correct order', ordering, ['Before', 'During', 'After'], true],
		['ordering: swapped', ordering, ['During', 'Before', 'After'], false],
		['ordering: item missing', ordering, ['Before', 'During'], false],
		['ordering: unknown item', ordering, ['Before', 'During', 'Later'], false],
		['ordering: indices instead of texts', ordering, [0, 1, 2], false]
	];
	it.each(cases)('%s', (_name, question, answer, expected) => {
		expect(isAnswerCorrect(question, answer)).toBe(expected);
	});
});

describe('gradeQuiz', () => {
	const quiz = [single, multiple, truefalse, ordering];

	it('scores all-correct answers 100 and passes', () => {
		const grade = gradeQuiz(
			quiz,
			{ greet: 1, 'min-data': [0, 2, 3], verify: true, phases: ['Before', 'During', 'After'] },
			80
		);
		expect(grade).toMatchObject({ score: 100, correctCount: 4, total: 4, passed: true });
	});

	it('scores three of four as 75 and fails an 80 pass mark', () => {
		const grade = gradeQuiz(
			quiz,
			{ greet: 1, 'min-data': [0, 2], verify: true, phases: ['Before', 'During', 'After'] },
			80
		);
		expect(grade).toMatchObject({ score: 75, correctCount: 3, passed: false });
		expect(grade.results.find((r) => r.id === 'min-data')).toMatchObject({
			correct: false,
			answered: true,
			correctAnswer: ['Meeting date', 'Client title', 'Outcome']
		});
	});

	it('rounds down so two of three (66.7 %) does not pass a 67 pass mark', () => {
		const grade = gradeQuiz([single, truefalse, ordering], { greet: 1, verify: true }, 67);
		expect(grade.score).toBe(66);
		expect(grade.passed).toBe(false);
	});

	it('counts unanswered questions as wrong and says so', () => {
		const grade = gradeQuiz(quiz, {}, 0);
		expect(grade.score).toBe(0);
		expect(grade.passed).toBe(true);
		expect(grade.results.every((r) => !r.answered && !r.correct)).toBe(true);
	});

	it('includes the explanation of every question after grading', () => {
		const grade = gradeQuiz(quiz, { greet: 0 }, 80);
		expect(grade.results.map((r) => r.explanation)).toEqual(quiz.map((q) => q.explanation));
	});

	it('refuses an answer to a question that does not exist', () => {
		expect(() => gradeQuiz(quiz, { greet: 1, 'no-such-question': 0 }, 80)).toThrow(
			UnknownQuestionError
		);
	});
});

describe('answersNothing', () => {
	const shown = publicQuestions([single, multiple, truefalse, ordering], 'user-1:0');
	const shownOrdering = shown.find((q) => q.type === 'ordering');
	const shownOrder = shownOrdering?.type === 'ordering' ? shownOrdering.items : [];
	const cases: [string, Record<string, QuestionAnswer>, boolean][] = [
		['no answer at all', {}, true],
		['only the ordering, as it was shown', { phases: shownOrder }, true],
		['an empty multiple-choice selection', { 'min-data': [] }, true],
		['one single choice', { greet: 0 }, false],
		['false, on a true/false question', { verify: false }, false],
		['one box ticked', { 'min-data': [1] }, false],
		['the ordering moved, even if still wrong', { phases: [...shownOrder].reverse() }, false],
		['an ordering of the wrong length', { phases: shownOrder.slice(1) }, false]
	];
	it.each(cases)('%s → %s', (_, answers, expected) => {
		expect(answersNothing(shown, answers)).toBe(expected);
	});
});

describe('publicQuestions', () => {
	it('never contains the answers', () => {
		const view = publicQuestions([single, multiple, truefalse, ordering], 'user-1:1');
		const json = JSON.stringify(view);
		expect(json).not.toContain('"answer"');
		expect(json).not.toContain('explanation');
		expect(view.map((q) => q.type).sort()).toEqual(['multiple', 'ordering', 'single', 'truefalse']);
	});

	it('asks the questions and offers the options in a new order on a retake, keeping each option\'s value', () => {
		const seen = new Set<string>();
		const optionOrders = new Set<string>();
		for (let attempt = 0; attempt < 12; attempt++) {
			const view = publicQuestions([single, multiple, truefalse, ordering], `user-1:${attempt}`);
			seen.add(view.map((q) => q.id).join(','));
			const m = view.find((q) => q.id === multiple.id);
			if (m?.type !== 'multiple') throw new Error('expected the multiple-choice question');
			optionOrders.add(m.options.map((o) => o.value).join(','));
			// Every option keeps its index in the question as written, so grading is unchanged.
			for (const o of m.options) expect(o.label).toBe(multiple.options[o.value]);
		}
		expect(seen.size).toBeGreaterThan(3);
		expect(optionOrders.size).toBeGreaterThan(3);
		expect(publicQuestions([single, multiple], 'same')).toEqual(publicQuestions([single, multiple], 'same'));
	});

	it('shuffles ordering items the same way for the same seed and never in the correct order', () => {
		const a = publicQuestions([ordering], 'user-1:1')[0];
		const b = publicQuestions([ordering], 'user-1:1')[0];
		expect(a).toEqual(b);
		for (let attempt = 0; attempt < 50; attempt++) {
			const view = publicQuestions([ordering], `user-1:${attempt}`)[0];
			if (view.type !== 'ordering') throw new Error('expected ordering');
			expect([...view.items].sort()).toEqual([...ordering.items].sort());
			expect(view.items).not.toEqual(ordering.items);
		}
	});

	it('gives different seeds different orders for longer lists', () => {
		const items = ['a', 'b', 'c', 'd', 'e', 'f'];
		const orders = new Set(
			Array.from({ length: 20 }, (_, i) => shuffleDeterministic(items, `s${i}`).join(''))
		);
		expect(orders.size).toBeGreaterThan(5);
	});
});

describe('feedbackFor: what a trainee sees of a graded attempt', () => {
	const quiz = [single, multiple, truefalse, ordering];
	const failed = gradeQuiz(quiz, { greet: 1, 'min-data': [0, 2], verify: true, phases: ['Before', 'During', 'After'] }, 80);
	const passed = gradeQuiz(quiz, { greet: 1, 'min-data': [0, 2], verify: true, phases: ['Before', 'During', 'After'] }, 70);

	it('a failed attempt explains only what was wrong and shows no correct answer', () => {
		const fb = feedbackFor(failed, 1, undefined);
		expect(fb).toMatchObject({ passed: false, answersShown: false, attemptsBeforeAnswers: null, score: 75 });
		const wrong = fb.results.filter((r) => !r.correct);
		expect(wrong.map((r) => r.id)).toEqual(['min-data']);
		expect(wrong[0].explanation).toBe(multiple.explanation);
		expect(fb.results.filter((r) => r.correct).every((r) => r.explanation === null)).toBe(true);
		expect(fb.results.every((r) => r.correctAnswer === null)).toBe(true);
		expect(JSON.stringify(fb)).not.toContain('Client title'); // the missed option is not given away
	});

	it('counts down to the course\'s attempts, then shows the answers of the wrong questions', () => {
		expect(feedbackFor(failed, 1, 3)).toMatchObject({ answersShown: false, attemptsBeforeAnswers: 2 });
		expect(feedbackFor(failed, 2, 3)).toMatchObject({ answersShown: false, attemptsBeforeAnswers: 1 });
		const third = feedbackFor(failed, 3, 3);
		expect(third).toMatchObject({ answersShown: true, attemptsBeforeAnswers: null });
		expect(third.results.find((r) => r.id === 'min-data')?.correctAnswer).toEqual(['Meeting date', 'Client title', 'Outcome']);
	});

	it('a pass shows the answers of anything still wrong and every explanation', () => {
		const fb = feedbackFor(passed, 1, undefined);
		expect(fb).toMatchObject({ passed: true, answersShown: true });
		expect(fb.results.every((r) => r.explanation)).toBe(true);
		expect(fb.results.find((r) => r.id === 'min-data')?.correctAnswer).toEqual(['Meeting date', 'Client title', 'Outcome']);
		expect(fb.results.find((r) => r.id === 'greet')?.correctAnswer).toBeNull();
	});
});
