import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { getCourseCompletions } from '$lib/server/courses/progress';
import { completeCourseAs } from './demo-work';
import { loadEvidence } from './evidence';

describe('completeCourseAs', () => {
	it('completes a shipped course through the courses module, with every quiz passed', () => {
		importContentCourses('content/courses');
		const at = new Date('2026-02-01T08:00:00Z');
		const id = db.insert(users).values({ email: 'd@example.test', name: 'Demo', passwordHash: 'x', createdAt: at }).returning().get().id;
		expect(completeCourseAs(id, 'telephone-etiquette', at)).toBe(true);
		expect(getCourseCompletions(id).map((c) => c.courseSlug)).toEqual(['telephone-etiquette']);
		expect(loadEvidence(id).courses).toEqual([{ slug: 'telephone-etiquette', passed: true, completedAt: at, bestScore: 100 }]);
		expect(completeCourseAs(id, 'no-such-course', at)).toBe(false);
	});
});
