import { describe, expect, it } from 'vitest';
import { courseProgress, missingPrerequisites, quizKey, type TraineeCourseState } from './course-progress';

const outline = {
	passMark: 80,
	lessons: [
		{ slug: 'greeting', quizCount: 1 },
		{ slug: 'hold', quizCount: 0 },
		{ slug: 'closing', quizCount: 2 }
	]
};
const state = (read: string[], scores: [string, number][]): TraineeCourseState => ({
	readLessons: new Set(read),
	bestScores: new Map(scores)
});
const allRead = ['greeting', 'hold', 'closing'];
const allPassed: [string, number][] = [
	[quizKey('greeting', 0), 100],
	[quizKey('closing', 0), 80],
	[quizKey('closing', 1), 90]
];

describe('courseProgress', () => {
	it.each([
		['nothing done', state([], []), { percent: 0, complete: false, lessonsRead: 0, quizzesPassed: 0 }],
		['all read, no quiz taken', state(allRead, []), { percent: 50, complete: false, lessonsRead: 3 }],
		['all quizzes passed but a lesson unread', state(['greeting', 'closing'], allPassed), { percent: 83, complete: false }],
		['all read, one quiz below the pass mark', state(allRead, [...allPassed.slice(0, 2), [quizKey('closing', 1), 79]]), { quizzesPassed: 2, complete: false }],
		['everything read and passed exactly at the pass mark', state(allRead, allPassed), { percent: 100, complete: true, quizzesTotal: 3 }],
		['scores for quizzes that no longer exist do not count', state(allRead, [[quizKey('gone', 0), 100]]), { quizzesPassed: 0, complete: false }]
	])('%s', (_name, s, expected) => {
		expect(courseProgress(outline, s)).toMatchObject(expected);
	});

	it('completes a course without quizzes once every lesson is read', () => {
		const noQuiz = { passMark: 80, lessons: [{ slug: 'a', quizCount: 0 }] };
		expect(courseProgress(noQuiz, state(['a'], [])).complete).toBe(true);
		expect(courseProgress({ passMark: 80, lessons: [] }, state([], [])).complete).toBe(false);
	});
});

describe('missingPrerequisites', () => {
	it('lists prerequisites not yet completed, in course order', () => {
		expect(missingPrerequisites(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
		expect(missingPrerequisites([], new Set())).toEqual([]);
	});
});
