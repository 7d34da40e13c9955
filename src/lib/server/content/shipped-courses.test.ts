// The courses shipped in content/courses must always load: start-up refuses to run otherwise.
import { describe, expect, it } from 'vitest';
import { loadCoursesFromDir } from './courses';

describe('content/courses', () => {
	it('loads without problems, with lessons and quizzes in every course', () => {
		const courses = loadCoursesFromDir('content/courses', 'content/courses');
		expect(courses.length).toBeGreaterThanOrEqual(3);
		for (const c of courses) {
			expect(c.lessons.length, c.slug).toBeGreaterThanOrEqual(5);
			expect(c.lessons.flatMap((l) => l.quizzes.flatMap((q) => q.questions)).length, c.slug).toBeGreaterThanOrEqual(12);
		}
		const anger = courses.find((c) => c.slug === 'anger-control-and-de-escalation');
		expect(anger?.meta.prerequisites).toContain('telephone-etiquette');
	});
});
