import { describe, expect, it } from 'vitest';
import type { QuestionAnswer, QuizQuestion } from '../schemas/course';
import {
	UnknownQuestionError,
	answersNothing,
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
	const shownOrder = shown[3].type === 'ordering' ? shown[3].items : [];
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
		expect(view.map((q) => q.type)).toEqual(['single', 'multiple', 'truefalse', 'ordering']);
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
