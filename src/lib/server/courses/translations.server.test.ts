// Translated courses through the real database: import, a quiz graded in Bengali sharing progress with English,
// and authoring (reorder, remove, add a translation, edit course settings, publish, zip round trip).
import { beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { users, userRoles } from '$lib/server/db/schema/users';
import type { SessionUser } from '$lib/server/auth/session';
import type { Role } from '$lib/domain/roles';
import { exportCourseZip } from '$lib/server/content/course-zip';
import { lessonIn } from '$lib/server/content/course-language';
import { getPublishedCourse, importContentCourses } from './catalogue';
import { bestScoresInCourse } from './progress';
import { submitQuizAttempt } from './quiz';
import { AuthoringError, importCourse, publishDraft, saveDraft, workingFiles } from './authoring';
import { addTranslation, courseLanguageOf, lessonFiles, moveLesson, removeLesson } from './course-files';
import { composeTarget, resolveTarget } from './editor';
import { getCourseBySlug, versionFiles } from './versions';
import { quizKey } from '$lib/domain/course-progress';

const FIXTURES = 'tests/fixtures/courses/translated';
let n = 0;
function makeUser(...roles: Role[]): SessionUser {
	n++;
	const row = db.insert(users).values({ email: `tr${n}@example.test`, name: `Tr ${n}`, passwordHash: 'x', createdAt: new Date() }).returning().get();
	for (const role of roles) db.insert(userRoles).values({ userId: row.id, role }).run();
	return { id: row.id, email: row.email, name: row.name, roles, mustChangePassword: false, cohortId: null };
}

beforeAll(() => {
	importContentCourses(FIXTURES);
});

describe('a translated course in the database', () => {
	it('imports translation files with the course and keeps each course’s language', () => {
		const hello = getPublishedCourse('hello-calls')!;
		expect(hello.course.language).toBe('en');
		expect(hello.course.translations.bn?.title).toBe('কলের শুরু ও শেষ');
		expect(hello.course.lessons[0].translations.bn?.title).toBe('অভিবাদন');
		expect(getPublishedCourse('shuru')!.course.language).toBe('bn');
		expect(importContentCourses(FIXTURES)).toEqual({ created: 0, updated: 0, total: 2 });
	});

	it('grades a quiz shown in Bengali (ordering answers in Bengali) and counts it for the lesson in every language', () => {
		const trainee = makeUser('trainee');
		const pub = getPublishedCourse('hello-calls')!;
		const bn = lessonIn(pub.course.lessons[0], pub.course.language, 'bn');
		const grade = submitQuizAttempt(trainee.id, pub, bn, 0, {
			'hello-order': ['প্রতিষ্ঠানের নাম', 'আপনার নাম', 'সাহায্যের প্রস্তাব'],
			'hello-first': 1
		});
		expect(grade).toMatchObject({ score: 100, passed: true });
		expect(grade.results.find((r) => r.id === 'hello-first')?.explanation).toBe('গ্রাহকের জানা দরকার তিনি কোথায় ফোন করেছেন।');
		expect(bestScoresInCourse(trainee.id, pub.row.id).get(quizKey('hello', 0))).toBe(100);
		// The English wording of the same order is not the Bengali quiz's answer.
		const wrong = submitQuizAttempt(trainee.id, pub, bn, 0, { 'hello-order': ['Your name', 'Company name', 'Offer of help'], 'hello-first': 1 });
		expect(wrong.score).toBe(50);
	});
});

describe('authoring a translated course', () => {
	it('moves and removes a lesson together with its translations', () => {
		const { files } = workingFiles(getCourseBySlug('hello-calls')!);
		expect(lessonFiles(files)).toEqual(['01-hello.md', '02-bye.md']);
		const moved = moveLesson(files, 'hello', 1);
		expect(Object.keys(moved).sort()).toEqual(['01-bye.md', '02-hello.bn.md', '02-hello.md', 'course.bn.md', 'course.md']);
		expect(moved['02-hello.bn.md']).toBe(files['01-hello.bn.md']);
		const removed = removeLesson(files, 'hello');
		expect(Object.keys(removed).sort()).toEqual(['01-bye.md', 'course.bn.md', 'course.md']);
	});

	it('opens translations in the editor and keeps the course language when the form does not send it', () => {
		const { files } = workingFiles(getCourseBySlug('shuru')!);
		expect(resolveTarget(files, 'course')).toEqual({ key: 'course', fileName: 'course.md', kind: 'course' });
		const course = resolveTarget(files, 'course');
		const saved = composeTarget(course, { title: 'শুরু', summary: 'সারাংশ', level: 'beginner', minutes: '5', passMark: '80', prerequisites: [] }, '', files['course.md']);
		expect(courseLanguageOf({ 'course.md': saved })).toBe('bn');
		// English is the default and is not written out.
		const english = composeTarget(course, { title: 'T', summary: 'S', level: 'beginner', minutes: '5', passMark: '80', language: 'en' }, '', files['course.md']);
		expect(english).not.toContain('language');
		const hello = workingFiles(getCourseBySlug('hello-calls')!).files;
		expect(resolveTarget(hello, 'hello.bn')).toEqual({ key: 'hello.bn', fileName: '01-hello.bn.md', kind: 'lesson', language: 'bn' });
		expect(resolveTarget(hello, 'course.bn')).toMatchObject({ fileName: 'course.bn.md', kind: 'course-translation', language: 'bn' });
		const missing = (key: string) => {
			try {
				resolveTarget(hello, key);
			} catch (e) {
				return isHttpError(e) ? e.status : e;
			}
		};
		expect(missing('bye.bn')).toBe(404);
		expect(missing('hello.bn.x')).toBe(404);
	});

	it('adds a translation as a copy that loads, publishes, and refuses a translation whose quiz changed', async () => {
		const admin = makeUser('admin');
		const row = getCourseBySlug('hello-calls')!;
		const { files } = workingFiles(row);
		const withBye = addTranslation(files, '02-bye.md', 'bn');
		expect(withBye['02-bye.bn.md']).toBe(files['02-bye.md']);
		const courseCopy = addTranslation({ 'course.md': files['course.md'] }, 'course.md', 'bn')['course.bn.md'];
		expect(courseCopy).toBe('---\ntitle: Hello calls\nsummary: Greeting and closing a call.\n---\nTwo short lessons.\n');
		saveDraft(admin, row, { ...withBye, '02-bye.bn.md': '---\ntitle: বিদায়\nminutes: 3\n---\nসারসংক্ষেপ বলুন, ধন্যবাদ দিন।\n' }, 'course.add_translation');
		const v = await publishDraft(admin, row);
		expect(getPublishedCourse('hello-calls')!.version.id).toBe(v.id);
		expect(getPublishedCourse('hello-calls')!.course.lessons[1].translations.bn?.title).toBe('বিদায়');

		const broken = { ...workingFiles(row).files, '01-hello.bn.md': files['01-hello.bn.md'].replace('answer: 1', 'answer: 0') };
		saveDraft(admin, row, broken, 'course.edit');
		const refused = await publishDraft(admin, row).catch((e) => e);
		expect(refused).toBeInstanceOf(AuthoringError);
		expect((refused as AuthoringError).issues.map((i) => `${i.path}:${i.line}: ${i.message}`)).toEqual([
			'01-hello-calls/01-hello.bn.md:16: question "hello-first": the answer (1) must be the same as in 01-hello.md'
		]);
	});

	it('round-trips a course with translations through export and import', async () => {
		const admin = makeUser('admin');
		const row = getCourseBySlug('hello-calls')!;
		const live = versionFiles(row.publishedVersionId!);
		expect(Object.keys(live)).toContain('01-hello.bn.md');
		const created = await importCourse(admin, exportCourseZip('09-hello-calls-copy', live));
		expect(created.created).toBe(true);
		expect(workingFiles(created.row).files).toEqual(live);
	});
});
