// The cohort matrix and certification read every trainee's best score and latest pass per quiz: both grouped reads
// over quiz_attempts are answered from the covering index alone (never the rows with their answers JSON).
import { describe, expect, it } from 'vitest';
import { sqlite } from '$lib/server/db';

const plan = (sql: string) =>
	(sqlite.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

describe('quiz attempt reads', () => {
	it('best score per quiz for a set of users uses the covering index', () => {
		const p = plan(
			'select user_id, course_id, lesson_slug, quiz_index, max(score) from quiz_attempts where user_id in (1, 2, 3) group by user_id, course_id, lesson_slug, quiz_index'
		);
		expect(p).toMatch(/SEARCH quiz_attempts USING COVERING INDEX quiz_attempts_user_quiz_idx \(user_id=\?\)/);
		expect(p).not.toMatch(/TEMP B-TREE/);
	});

	it('latest passing attempt per quiz uses the covering index', () => {
		const p = plan(
			'select user_id, course_id, lesson_slug, quiz_index, max(created_at) from quiz_attempts where user_id in (1, 2, 3) and passed = 1 group by user_id, course_id, lesson_slug, quiz_index'
		);
		expect(p).toMatch(/SEARCH quiz_attempts USING COVERING INDEX quiz_attempts_user_quiz_idx \(user_id=\?\)/);
	});

	it('one course of one user is still a range of the index', () => {
		expect(plan('select * from quiz_attempts where user_id = 1 and course_id = 2')).toMatch(
			/SEARCH quiz_attempts USING INDEX quiz_attempts_user_quiz_idx \(user_id=\? AND course_id=\?\)/
		);
	});
});
