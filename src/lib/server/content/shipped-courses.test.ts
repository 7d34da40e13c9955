// The courses shipped in content/courses must always load: start-up refuses to run otherwise.
import { describe, expect, it } from 'vitest';
import { QUESTION_TYPES } from '$lib/schemas/course';
import { loadCoursesFromDir, type LessonText } from './courses';

/** Words of a lesson's prose: the body without its quiz blocks. */
function proseWords(lesson: LessonText): number {
	return lesson.body.replace(/```quiz\n[\s\S]*?```/g, '').split(/\s+/).filter(Boolean).length;
}

describe('content/courses', () => {
	const courses = loadCoursesFromDir('content/courses', 'content/courses');

	it('loads without problems, with lessons and quizzes in every course', () => {
		expect(courses.length).toBeGreaterThanOrEqual(3);
		for (const c of courses) {
			expect(c.lessons.length, c.slug).toBeGreaterThanOrEqual(5);
			expect(c.lessons.flatMap((l) => l.quizzes.flatMap((q) => q.questions)).length, c.slug).toBeGreaterThanOrEqual(12);
		}
		const anger = courses.find((c) => c.slug === 'anger-control-and-de-escalation');
		expect(anger?.meta.prerequisites).toContain('telephone-etiquette');
	});

	it('has an original Bengali course: every lesson at least 400 words, quizzes of every question type', () => {
		const bengali = courses.filter((c) => c.language === 'bn');
		expect(bengali.map((c) => c.slug)).toEqual(['domestic-voice-basics']);
		for (const lesson of bengali[0].lessons) {
			expect(proseWords(lesson), lesson.fileName).toBeGreaterThanOrEqual(400);
			expect(lesson.body, lesson.fileName).toMatch(/[\u0980-\u09FF]/);
		}
		const types = new Set(bengali[0].lessons.flatMap((l) => l.quizzes.flatMap((q) => q.questions.map((x) => x.type))));
		expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
	});

	it('has every English course in Bengali: course.bn.md and a translation of every lesson (quizzes included)', () => {
		const english = courses.filter((c) => c.language === 'en');
		expect(english.length).toBeGreaterThanOrEqual(3);
		for (const c of english) {
			expect(c.translations.bn?.title, c.slug).toMatch(/[\u0980-\u09FF]/);
			for (const lesson of c.lessons) {
				const bn = lesson.translations.bn;
				expect(bn, lesson.fileName).toBeDefined();
				expect(proseWords(bn!), bn!.fileName).toBeGreaterThanOrEqual(400);
				expect(bn!.quizzes.map((q) => q.questions.length), bn!.fileName).toEqual(lesson.quizzes.map((q) => q.questions.length));
			}
		}
	});
});
