// Courses against a real (temporary) SQLite database: start-up import, progress and completion,
// quiz attempts, authoring (draft → publish → restore), editing rights, zip round trip.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import Database from 'better-sqlite3';
import { databasePath, db } from '$lib/server/db';
import { users, userRoles } from '$lib/server/db/schema/users';
import { auditLog } from '$lib/server/db/schema/audit';
import { quizAttempts } from '$lib/server/db/schema/courses';
import type { SessionUser } from '$lib/server/auth/session';
import type { Role } from '$lib/domain/roles';
import { BlankQuizError, UnknownQuestionError } from '$lib/domain/quiz-grader';
import { exportCourseZip } from '$lib/server/content/course-zip';
import { getPublishedCourse, importContentCourses, listPublishedCourses } from './catalogue';
import { getCourseCompletions, getCourseCompletionsForUsers, listCourseTitles, markLessonRead, progressIn, progressInCourses, setPosition, updateCompletion } from './progress';
import { lockingPrerequisites, openLesson } from './access';
import { traineeCoursesSummary, trainerCoursesSummary } from './dashboard';
import { answersFromForm, quizViews, submitQuizAttempt } from './quiz';
import {
	assertStorable,
	AuthoringError,
	canEditCourse,
	createCourse,
	editableCourse,
	grantEditing,
	importCourse,
	issuesOf,
	listCoursesForAuthoring,
	publishDraft,
	PlaceholderTextError,
	republishCourse,
	restoreFile,
	restoreVersion,
	saveDraft,
	unpublishCourse,
	versionHistory,
	workingFiles
} from './authoring';
import { getCourseBySlug, versionFiles } from './versions';
import { recordStatements } from '$lib/server/db/record-statements';
import { inLocale } from '$lib/server/in-locale';
import { moveLesson } from './course-files';

const FIXTURES = 'tests/fixtures/courses/valid';
let n = 0;
function makeUser(...roles: Role[]): SessionUser {
	n++;
	const row = db
		.insert(users)
		.values({ email: `u${n}@example.test`, name: `User ${n}`, passwordHash: 'x', createdAt: new Date() })
		.returning()
		.get();
	for (const role of roles) db.insert(userRoles).values({ userId: row.id, role }).run();
	return { id: row.id, email: row.email, name: row.name, roles, mustChangePassword: false, cohortId: null };
}

const ALL_RIGHT = { 'greeting-order': ['Company name', 'Your name', 'Offer of help'], 'greeting-best': 1 };

beforeAll(() => {
	importContentCourses(FIXTURES);
});

describe('start-up import of content/', () => {
	it('publishes each course folder once and is idempotent', () => {
		expect(listPublishedCourses().map((p) => p.row.slug)).toEqual(['phone-basics', 'calm-calls']);
		expect(listCourseTitles()).toEqual([
			{ slug: 'phone-basics', title: 'Phone basics' },
			{ slug: 'calm-calls', title: 'Calm calls' }
		]);
		const again = importContentCourses(FIXTURES);
		expect(again).toEqual({ created: 0, updated: 0, total: 2 });
		expect(versionHistory(getCourseBySlug('phone-basics')!)).toHaveLength(1);
	});
});

describe('re-import after files change', () => {
	it('publishes a changed folder as a new version and leaves browser versions alone on restart', async () => {
		const root = mkdtempSync(join(tmpdir(), 'cc-import-'));
		cpSync(join(FIXTURES, '01-phone-basics'), join(root, '05-reimport-check'), { recursive: true });
		const admin = makeUser('admin');
		expect(importContentCourses(root)).toMatchObject({ created: 1, updated: 0 });

		// A browser edit is published; a restart with unchanged files keeps it live.
		const row = getCourseBySlug('reimport-check')!;
		const files = workingFiles(row).files;
		saveDraft(admin, row, { ...files, '01-greeting.md': files['01-greeting.md'] + '\nEdited in the browser.\n' }, 'course.edit');
		const browserVersion = await publishDraft(admin, getCourseBySlug('reimport-check')!);
		expect(importContentCourses(root)).toMatchObject({ created: 0, updated: 0 });
		expect(getCourseBySlug('reimport-check')!.publishedVersionId).toBe(browserVersion.id);

		// Changing the file in content/ makes a new published version from the files.
		const lesson = join(root, '05-reimport-check', '02-closing.md');
		writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('thank the caller', 'thank the caller warmly'));
		expect(importContentCourses(root)).toMatchObject({ created: 0, updated: 1 });
		const live = getPublishedCourse('reimport-check')!;
		expect(live.version).toMatchObject({ number: 3, source: 'content', status: 'published' });
		expect(live.course.lessons[1].body).toContain('thank the caller warmly');
		rmSync(root, { recursive: true, force: true });
	});
});

describe('trainee progress', () => {
	it('completes a course after reading every lesson and passing every quiz, with a failed attempt first', () => {
		const trainee = makeUser('trainee');
		const pub = getPublishedCourse('phone-basics')!;
		const [greeting, closing] = pub.course.lessons;

		const views = quizViews(trainee.id, pub, greeting);
		expect(JSON.stringify(views)).not.toContain('answer');

		const failed = submitQuizAttempt(trainee.id, pub, greeting, 0, { 'greeting-best': 0 });
		expect(failed).toMatchObject({ score: 0, passed: false });
		const passed = submitQuizAttempt(trainee.id, pub, greeting, 0, ALL_RIGHT);
		expect(passed).toMatchObject({ score: 100, passed: true });
		submitQuizAttempt(trainee.id, pub, closing, 0, { 'closing-summary': true, 'closing-parts': [0, 1] });

		markLessonRead(trainee.id, pub.row.id, 'greeting');
		expect(updateCompletion(trainee.id, pub.row.id, pub.version.id, pub.course)).toBe(false);
		expect(getCourseCompletions(trainee.id)).toEqual([]);

		markLessonRead(trainee.id, pub.row.id, 'closing');
		expect(updateCompletion(trainee.id, pub.row.id, pub.version.id, pub.course)).toBe(true);
		expect(progressIn(trainee.id, pub.row.id, pub.course)).toMatchObject({ percent: 100, complete: true });

		const completions = getCourseCompletions(trainee.id);
		expect(completions).toHaveLength(1);
		expect(completions[0]).toMatchObject({
			courseSlug: 'phone-basics',
			courseTitle: 'Phone basics',
			versionId: pub.version.id,
			bestScores: { 'greeting#0': 100, 'closing#0': 100 }
		});
		expect(completions[0].completedAt).toBeInstanceOf(Date);
		const many = getCourseCompletionsForUsers([trainee.id, 999_999]);
		expect(many.get(trainee.id)).toEqual(completions);
		expect(many.get(999_999)).toEqual([]);

		const stored = db.select().from(quizAttempts).where(eq(quizAttempts.userId, trainee.id)).orderBy(asc(quizAttempts.id)).all();
		expect(stored.map((a) => a.score)).toEqual([0, 100, 100]);
		expect(stored.every((a) => a.versionId === pub.version.id)).toBe(true);
	});

	it('refuses an answer to a question that does not exist and stores nothing', () => {
		const trainee = makeUser('trainee');
		const pub = getPublishedCourse('phone-basics')!;
		expect(() => submitQuizAttempt(trainee.id, pub, pub.course.lessons[0], 0, { ...ALL_RIGHT, 'made-up': 1 })).toThrow(
			UnknownQuestionError
		);
		expect(db.select().from(quizAttempts).where(eq(quizAttempts.userId, trainee.id)).all()).toEqual([]);
	});

	it('refuses a quiz with nothing answered, keeps no attempt, and counts the first real answer', () => {
		const trainee = makeUser('trainee');
		const pub = getPublishedCourse('phone-basics')!;
		const greeting = pub.course.lessons[0];
		const ordering = quizViews(trainee.id, pub, greeting)[0].questions.find((q) => q.type === 'ordering');
		if (ordering?.type !== 'ordering') throw new Error('the fixture quiz has an ordering question');
		const attempts = () => db.select().from(quizAttempts).where(eq(quizAttempts.userId, trainee.id)).all();

		// An empty form, and the ordering sent back exactly as it was shown (what "Check answers" sends untouched).
		expect(() => submitQuizAttempt(trainee.id, pub, greeting, 0, answersFromForm(greeting.quizzes[0].questions, new FormData()))).toThrow(
			'Answer at least one question'
		);
		expect(() => submitQuizAttempt(trainee.id, pub, greeting, 0, { [ordering.id]: ordering.items })).toThrow(BlankQuizError);
		expect(attempts()).toEqual([]);
		expect(quizViews(trainee.id, pub, greeting)[0].attempts).toBe(0);

		// Moving one item is an answer: graded and stored.
		const moved = [ordering.items[1], ordering.items[0], ...ordering.items.slice(2)];
		expect(submitQuizAttempt(trainee.id, pub, greeting, 0, { [ordering.id]: moved })).toMatchObject({ passed: false });
		expect(attempts()).toHaveLength(1);
	});

	it('reads form answers of every question type', () => {
		const pub = getPublishedCourse('phone-basics')!;
		const form = new FormData();
		form.append('order:greeting-order', 'Your name');
		form.append('order:greeting-order', 'Company name');
		form.append('order:greeting-order', 'Offer of help');
		form.append('q:greeting-best', '1');
		form.append('q:not-a-question', '0');
		expect(answersFromForm(pub.course.lessons[0].quizzes[0].questions, form)).toEqual({
			'greeting-order': ['Your name', 'Company name', 'Offer of help'],
			'greeting-best': 1,
			'not-a-question': ['0']
		});
		const withoutJs = new FormData();
		for (const [item, pos] of [['Offer of help', '3'], ['Company name', '1'], ['Your name', '2']]) {
			withoutJs.append('item:greeting-order', item);
			withoutJs.append('pos:greeting-order', pos);
		}
		expect(answersFromForm(pub.course.lessons[0].quizzes[0].questions, withoutJs)).toEqual({
			'greeting-order': ['Company name', 'Your name', 'Offer of help']
		});
		const closing = new FormData();
		closing.append('q:closing-summary', 'false');
		closing.append('q:closing-parts', '0');
		closing.append('q:closing-parts', '1');
		expect(answersFromForm(pub.course.lessons[1].quizzes[0].questions, closing)).toEqual({
			'closing-summary': false,
			'closing-parts': [0, 1]
		});
	});
});

describe('prerequisites and the home dashboard', () => {
	it('locks a course behind its prerequisites for trainees, never for trainers, and points the trainee to the next open course', () => {
		const trainee = makeUser('trainee');
		const trainer = makeUser('trainer');
		const calm = getPublishedCourse('calm-calls')!;
		expect(lockingPrerequisites(trainee, calm)).toEqual({ missing: ['phone-basics'], locked: true });
		expect(lockingPrerequisites(trainer, calm)).toEqual({ missing: ['phone-basics'], locked: false });
		expect(lockingPrerequisites(trainee, calm, new Set(['phone-basics']))).toEqual({ missing: [], locked: false });
		let thrown: unknown;
		try {
			openLesson(trainee, 'calm-calls', calm.course.lessons[0].slug);
		} catch (e) {
			thrown = e;
		}
		expect(isRedirect(thrown) && thrown.location).toBe('/courses/calm-calls');
		expect(openLesson(trainer, 'calm-calls', calm.course.lessons[0].slug).index).toBe(0);
		const total = listPublishedCourses().length;
		expect(traineeCoursesSummary(trainee)).toEqual({ resume: null, next: { courseSlug: 'phone-basics', courseTitle: 'Phone basics' }, completed: 0, total });

		const basics = getPublishedCourse('phone-basics')!;
		setPosition(trainee.id, basics.row.id, 'closing');
		expect(traineeCoursesSummary(trainee).resume).toEqual({ courseSlug: 'phone-basics', courseTitle: 'Phone basics', lessonSlug: 'closing', lessonTitle: basics.course.lessons[1].title, percent: 0 });

		const [greeting, closing] = basics.course.lessons;
		submitQuizAttempt(trainee.id, basics, greeting, 0, ALL_RIGHT);
		submitQuizAttempt(trainee.id, basics, closing, 0, { 'closing-summary': true, 'closing-parts': [0, 1] });
		markLessonRead(trainee.id, basics.row.id, 'greeting');
		markLessonRead(trainee.id, basics.row.id, 'closing');
		expect(updateCompletion(trainee.id, basics.row.id, basics.version.id, basics.course)).toBe(true);
		expect(lockingPrerequisites(trainee, calm).locked).toBe(false);
		// The finished course is no longer offered to resume; the unlocked one is next.
		expect(traineeCoursesSummary(trainee)).toEqual({ resume: null, next: { courseSlug: 'calm-calls', courseTitle: 'Calm calls' }, completed: 1, total });
	});

	it('reads the course list\'s progress in two statements, equal to each course\'s own progress', () => {
		const trainee = makeUser('trainee');
		const all = listPublishedCourses();
		const basics = getPublishedCourse('phone-basics')!;
		const [greeting] = basics.course.lessons;
		markLessonRead(trainee.id, basics.row.id, 'greeting');
		submitQuizAttempt(trainee.id, basics, greeting, 0, ALL_RIGHT);
		const other = all.find((p) => p.row.id !== basics.row.id)!;
		markLessonRead(trainee.id, other.row.id, other.course.lessons[0].slug);
		const { result: together, statements } = recordStatements(() => progressInCourses(trainee.id, all));
		expect(statements).toHaveLength(2); // lessons read and best scores, for every course at once
		for (const p of all) expect(together.get(p.row.id)).toEqual(progressIn(trainee.id, p.row.id, p.course));
		expect(together.get(basics.row.id)!.percent).toBeGreaterThan(0);
		expect(together.get(other.row.id)!.percent).toBeGreaterThan(0);
	});

	it('lists for a trainer the unpublished drafts of the courses they can edit', async () => {
		const trainer = makeUser('trainer');
		expect(trainerCoursesSummary(trainer)).toEqual({ editable: 0, drafts: [] });
		const row = createCourse(trainer, 'Desk set-up', 'desk-set-up');
		expect(trainerCoursesSummary(trainer)).toEqual({ editable: 1, drafts: [{ slug: 'desk-set-up', title: 'Desk set-up', number: 1 }] });
		await publishDraft(trainer, row, { confirmPlaceholders: true });
		expect(trainerCoursesSummary(trainer)).toEqual({ editable: 1, drafts: [] });
	});

	it('counts the courses each user may edit as canEditCourse does (owner, grant, admin, neither)', async () => {
		const owner = makeUser('trainer');
		const granted = makeUser('trainer');
		const other = makeUser('trainer');
		const admin = makeUser('admin');
		const trainee = makeUser('trainee');
		const row = createCourse(owner, 'Grant check', 'grant-check');
		grantEditing(admin, row, granted.id);
		const fromFullRows = (user: SessionUser) => {
			const editable = listCoursesForAuthoring(user).filter((c) => c.canEdit);
			return { editable: editable.length, drafts: editable.filter((c) => c.draft).map((c) => ({ slug: c.row.slug, title: c.title, number: c.draft!.number })) };
		};
		for (const user of [owner, granted, other, admin, trainee]) expect(trainerCoursesSummary(user)).toEqual(fromFullRows(user));
		expect(trainerCoursesSummary(granted).drafts.map((d) => d.slug)).toEqual(['grant-check']);
		expect(trainerCoursesSummary(other).drafts).toEqual([]);
		expect(trainerCoursesSummary(admin).editable).toBeGreaterThan(1);
	});
});

describe('quiz feedback and the course setting revealAnswersAfter', () => {
	it('hides the correct answers of a failed quiz until a pass, or until the course\'s number of attempts', async () => {
		const trainee = makeUser('trainee');
		const plain = getPublishedCourse('phone-basics')!;
		const greeting = plain.course.lessons[0];
		const wrong = { 'greeting-best': 0 };
		for (let i = 0; i < 3; i++) {
			const fb = submitQuizAttempt(trainee.id, plain, greeting, 0, wrong);
			expect(fb).toMatchObject({ passed: false, answersShown: false, attemptsBeforeAnswers: null });
			expect(JSON.stringify(fb)).not.toContain('Good morning, CallCraft');
			expect(fb.results.find((r) => r.id === 'greeting-best')?.explanation).toMatch(/names the company/);
		}
		expect(submitQuizAttempt(trainee.id, plain, greeting, 0, ALL_RIGHT)).toMatchObject({ passed: true, answersShown: true });

		// A course that shows the answers after two failed attempts.
		const admin = makeUser('admin');
		const row = createCourse(admin, 'Reveal check', 'reveal-check');
		const files = workingFiles(row).files;
		saveDraft(admin, row, { ...files, 'course.md': files['course.md'].replace('passMark: 80', 'passMark: 80\nrevealAnswersAfter: 2'), '01-introduction.md': plain.course.files['01-greeting.md'] }, 'course.edit');
		await publishDraft(admin, getCourseBySlug('reveal-check')!, { confirmPlaceholders: true });
		const strict = getPublishedCourse('reveal-check')!;
		expect(strict.course.meta.revealAnswersAfter).toBe(2);
		const lesson = strict.course.lessons[0];
		const first = submitQuizAttempt(trainee.id, strict, lesson, 0, wrong);
		expect(first).toMatchObject({ answersShown: false, attemptsBeforeAnswers: 1 });
		expect(first.results.every((r) => r.correctAnswer === null)).toBe(true);
		const second = submitQuizAttempt(trainee.id, strict, lesson, 0, wrong);
		expect(second).toMatchObject({ answersShown: true, attemptsBeforeAnswers: null });
		expect(second.results.find((r) => r.id === 'greeting-best')?.correctAnswer).toEqual(['Good morning, CallCraft, Sam speaking. How can I help?']);
	});
});

describe('publishing template text, unpublishing and publishing again', () => {
	it('asks before publishing starter text, and publishes once confirmed', async () => {
		const admin = makeUser('admin');
		const row = createCourse(admin, 'Starter check', 'starter-check');
		const refused = await publishDraft(admin, row).catch((e) => e);
		expect(refused).toBeInstanceOf(PlaceholderTextError);
		expect(refused.placeholders.map((p: { file: string; text: string }) => `${p.file}: ${p.text}`)).toEqual([
			'course.md: One or two sentences shown in the catalogue.',
			'course.md: What trainees will learn in this course.',
			'01-introduction.md: Write the lesson here.'
		]);
		expect(getPublishedCourse('starter-check')).toBeNull();
		const v = await publishDraft(admin, getCourseBySlug('starter-check')!, { confirmPlaceholders: true });
		expect(getPublishedCourse('starter-check')?.version.id).toBe(v.id);
	});

	it('unpublishes a course without losing trainees\' progress, and brings the same version back', async () => {
		const admin = makeUser('admin');
		const trainee = makeUser('trainee');
		const row = createCourse(admin, 'Unpublish check', 'unpublish-check');
		const files = workingFiles(row).files;
		saveDraft(admin, row, { ...files, 'course.md': files['course.md'].replace('One or two sentences shown in the catalogue.', 'Taking a course off the shelf.').replace('What trainees will learn in this course.', 'Intro.'), '01-introduction.md': getPublishedCourse('phone-basics')!.course.files['01-greeting.md'] }, 'course.edit');
		const live = await publishDraft(admin, getCourseBySlug('unpublish-check')!);
		const pub = getPublishedCourse('unpublish-check')!;
		submitQuizAttempt(trainee.id, pub, pub.course.lessons[0], 0, ALL_RIGHT);
		markLessonRead(trainee.id, pub.row.id, pub.course.lessons[0].slug);
		updateCompletion(trainee.id, pub.row.id, pub.version.id, pub.course);
		expect(progressIn(trainee.id, pub.row.id, pub.course)).toMatchObject({ percent: 100, complete: true });

		unpublishCourse(admin, getCourseBySlug('unpublish-check')!);
		expect(getPublishedCourse('unpublish-check')).toBeNull();
		expect(listPublishedCourses().map((p) => p.row.slug)).not.toContain('unpublish-check');
		// The editor still opens on the text that was live.
		expect(workingFiles(getCourseBySlug('unpublish-check')!).files['01-introduction.md']).toContain('The greeting');
		expect(db.select().from(quizAttempts).where(eq(quizAttempts.userId, trainee.id)).all()).toHaveLength(1);

		const back = republishCourse(admin, getCourseBySlug('unpublish-check')!);
		expect(back.id).toBe(live.id);
		const again = getPublishedCourse('unpublish-check')!;
		expect(progressIn(trainee.id, again.row.id, again.course)).toMatchObject({ percent: 100, complete: true });
		expect(getCourseCompletions(trainee.id).map((c) => c.courseSlug)).toContain('unpublish-check');
	});

	it('refuses to unpublish a course another live course requires', () => {
		const admin = makeUser('admin');
		expect(() => unpublishCourse(admin, getCourseBySlug('phone-basics')!)).toThrow(/“Calm calls” requires this course first/);
		expect(getPublishedCourse('phone-basics')).not.toBeNull();
	});
});

describe('authoring', () => {
	it('refuses a lesson draft and a course zip holding a billion-laughs YAML with a 4xx naming file and line; nothing is stored (issue #18)', async () => {
		const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
		for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
		const bomb = lines.join('\n');
		const lesson = '---\ntitle: A\nminutes: 5\n---\nText\n\n```quiz\n' + bomb + '\n```\n';
		const saving = assertStorable('01-bomb', { 'course.md': '---\ntitle: Bomb\n---\nIntro', '01-a.md': lesson });
		await expect(saving).rejects.toThrow(/Not saved: 01-a\.md line \d+/);
		await expect(saving).rejects.toMatchObject({ status: expect.any(Number) });
		const status = await saving.catch((e: AuthoringError) => e.status);
		expect(status).toBeGreaterThanOrEqual(400);
		expect(status).toBeLessThan(500);

		const admin = makeUser('admin');
		const zip = exportCourseZip('07-bomb-course', { 'course.md': `---\n${bomb}\n---\nIntro`, '01-a.md': '---\ntitle: A\nminutes: 5\n---\nHello' });
		await expect(importCourse(admin, zip)).rejects.toThrow(AuthoringError);
		expect(getCourseBySlug('bomb-course')).toBeUndefined();
	});

	it('lets trainers edit only courses they own or were granted; admins edit all', () => {
		const owner = makeUser('trainer');
		const other = makeUser('trainer');
		const admin = makeUser('admin');
		const trainee = makeUser('trainee');
		const row = createCourse(owner, 'Handling complaints', 'handling-complaints');
		expect(canEditCourse(owner, row)).toBe(true);
		expect(canEditCourse(other, row)).toBe(false);
		expect(canEditCourse(admin, row)).toBe(true);
		expect(canEditCourse(trainee, row)).toBe(false);
		const contentCourse = getCourseBySlug('phone-basics')!;
		expect(canEditCourse(owner, contentCourse)).toBe(false);
		grantEditing(admin, contentCourse, other.id);
		expect(canEditCourse(other, contentCourse)).toBe(true);
		expect(() => grantEditing(owner, contentCourse, owner.id)).toThrow(AuthoringError);
		expect(() => createCourse(owner, 'Again', 'handling-complaints')).toThrow('already exists');
		// The refusal is a code; its words follow the reader (a Bengali trainer reads Bengali, digits included).
		const refusal = (work: () => unknown) => {
			try {
				work();
			} catch (e) {
				if (e instanceof AuthoringError) return [e.code, e.message];
				throw e;
			}
			throw new Error('not refused');
		};
		expect(inLocale('bn', () => refusal(() => createCourse(owner, 'আবার', 'handling-complaints')))).toEqual([
			'slug_taken',
			'"handling-complaints" স্লাগের একটি কোর্স আগে থেকেই আছে।'
		]);
		expect(inLocale('en', () => refusal(() => createCourse(owner, 'Again', 'handling-complaints')))).toEqual([
			'slug_taken',
			'A course with the slug "handling-complaints" already exists.'
		]);
		expect(inLocale('bn', () => refusal(() => grantEditing(admin, row, trainee.id)))).toEqual(['only_trainers', 'সম্পাদনার অধিকার শুধু প্রশিক্ষকদেরই দেওয়া যায়।']);
		expect(inLocale('bn', () => refusal(() => editableCourse(other, 'handling-complaints')))).toEqual([
			'forbidden',
			'এই কোর্স সম্পাদনার অনুমতি আপনার নেই। সম্পাদনার অধিকারের জন্য একজন অ্যাডমিনকে বলুন।'
		]);
	});

	it('keeps trainees on the published version until a draft is published, then restores an old version', async () => {
		const admin = makeUser('admin');
		const row = getCourseBySlug('calm-calls')!;
		const v1 = getPublishedCourse('calm-calls')!;
		const { files } = workingFiles(row);
		const edited = { ...files, '01-breathing.md': files['01-breathing.md'].replace('slowly', 'slowly and deeply') };

		saveDraft(admin, row, edited, 'course.edit');
		expect(getPublishedCourse('calm-calls')!.course.lessons[0].body).toContain('Breathe out slowly before');

		const v2 = await publishDraft(admin, getCourseBySlug('calm-calls')!);
		expect(v2.number).toBe(2);
		expect(getPublishedCourse('calm-calls')!.course.lessons[0].body).toContain('slowly and deeply');

		restoreVersion(admin, getCourseBySlug('calm-calls')!, v1.version.id);
		const v3 = await publishDraft(admin, getCourseBySlug('calm-calls')!);
		expect(v3.number).toBe(3);
		expect(versionFiles(v3.id)).toEqual(versionFiles(v1.version.id));
		expect(versionHistory(getCourseBySlug('calm-calls')!).map((v) => [v.number, v.source, v.live, v.authorName])).toEqual([
			[3, 'restore', true, admin.name],
			[2, 'editor', false, admin.name],
			[1, 'content', false, null]
		]);
		const actions = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, admin.id)).all();
		expect(actions.map((a) => a.action)).toEqual(['course.edit', 'course.publish', 'course.restore', 'course.publish']);
	});

	it('restores a single lesson file from an old version into the draft', () => {
		const admin = makeUser('admin');
		const row = getCourseBySlug('calm-calls')!;
		const first = versionHistory(row).find((v) => v.number === 2)!;
		restoreFile(admin, row, first.id, '01-breathing.md');
		const draft = workingFiles(getCourseBySlug('calm-calls')!);
		expect(draft.draft?.status).toBe('draft');
		expect(draft.files['01-breathing.md']).toContain('slowly and deeply');
		expect(() => restoreFile(admin, row, first.id, '09-nope.md')).toThrow('has no file');
		// Names of Object.prototype members are not files either (they once reached the database as a 500).
		for (const name of ['constructor', '__proto__', 'toString']) expect(() => restoreFile(admin, row, first.id, name)).toThrow('has no file');
	});

	it('refuses to publish a draft with problems and names file and line', async () => {
		const admin = makeUser('admin');
		const row = getCourseBySlug('phone-basics')!;
		const { files } = workingFiles(row);
		saveDraft(admin, row, { ...files, 'course.md': files['course.md'].replace('prerequisites: []', 'prerequisites: [nope]') }, 'course.edit');
		expect(issuesOf(row, workingFiles(row).files).map((i) => `${i.path}:${i.line}: ${i.message}`)).toEqual([
			'01-phone-basics/course.md:6: unknown prerequisite "nope"'
		]);
		await expect(publishDraft(admin, row)).rejects.toThrow('Fix these problems');
		saveDraft(admin, row, files, 'course.edit');
	});

	it('reorders lessons by renumbering files', () => {
		const files = workingFiles(getCourseBySlug('phone-basics')!).files;
		const moved = moveLesson(files, 'closing', -1);
		expect(Object.keys(moved).sort()).toEqual(['01-closing.md', '02-greeting.md', 'course.md']);
		expect(moved['01-closing.md']).toBe(files['02-closing.md']);
	});

	it('round-trips export → import to identical content', async () => {
		const trainer = makeUser('trainer');
		const admin = makeUser('admin');
		const row = getCourseBySlug('phone-basics')!;
		const live = versionFiles(row.publishedVersionId!);
		const zip = exportCourseZip(row.folder, live);
		await expect(importCourse(trainer, zip)).rejects.toThrow('may not edit');
		const result = await importCourse(admin, zip);
		expect(result.created).toBe(false);
		expect(workingFiles(getCourseBySlug('phone-basics')!).files).toEqual(live);
		// As a new course for a trainer: same files under a new slug.
		const renamed = exportCourseZip('07-phone-basics-copy', live);
		const created = await importCourse(trainer, renamed);
		expect(created.created).toBe(true);
		expect(created.row.ownerId).toBe(trainer.id);
		expect(workingFiles(created.row).files).toEqual(live);
	});

	it('keeps one draft per course: an import or restore over an edited draft replaces it and says where it came from', async () => {
		const admin = makeUser('admin');
		const row = createCourse(admin, 'One draft', 'one-draft');
		const first = await publishDraft(admin, row, { confirmPlaceholders: true });
		const { files } = workingFiles(getCourseBySlug('one-draft')!);
		const edited = { ...files, 'course.md': files['course.md'].replace('One draft', 'One draft, edited') };
		const draft = saveDraft(admin, getCourseBySlug('one-draft')!, edited, 'course.edit');
		const labels = () => versionHistory(getCourseBySlug('one-draft')!).map((v) => [v.number, v.status, v.source, v.note]);
		expect(labels()).toEqual([
			[draft.number, 'draft', 'editor', null],
			[first.number, 'published', 'editor', 'New course']
		]);

		await importCourse(admin, exportCourseZip(row.folder, files));
		expect(labels()[0]).toEqual([draft.number, 'draft', 'import', 'Imported from a zip']);
		expect(workingFiles(getCourseBySlug('one-draft')!).files).toEqual(files);

		saveDraft(admin, getCourseBySlug('one-draft')!, edited, 'course.edit');
		restoreVersion(admin, getCourseBySlug('one-draft')!, first.id);
		expect(labels()).toEqual([
			[draft.number, 'draft', 'restore', `Restored from version ${first.number}`],
			[first.number, 'published', 'editor', 'New course']
		]);
		expect(workingFiles(getCourseBySlug('one-draft')!).files).toEqual(versionFiles(first.id));
	});
});

describe('the live course list, kept in memory until the database changes', () => {
	it('drops a course once it is unpublished, here or by another process, and lists it again once republished', () => {
		const admin = makeUser('admin');
		const slugs = () => listPublishedCourses().map((p) => p.row.slug);
		expect(slugs()).toContain('calm-calls');
		expect(listPublishedCourses()).not.toBe(listPublishedCourses()); // each caller gets its own array

		unpublishCourse(admin, getCourseBySlug('calm-calls')!);
		expect(slugs()).not.toContain('calm-calls');
		expect(getPublishedCourse('calm-calls')).toBeNull();
		const again = republishCourse(admin, getCourseBySlug('calm-calls')!);
		expect(slugs()).toContain('calm-calls');
		expect(getPublishedCourse('calm-calls')!.version.id).toBe(again.id);

		// another app process (its own connection to the same file) takes the course off the catalogue, then back
		const other = new Database(databasePath);
		try {
			other.prepare('update courses set published_version_id = null where slug = ?').run('calm-calls');
			expect(slugs()).not.toContain('calm-calls');
			other.prepare('update courses set published_version_id = ? where slug = ?').run(again.id, 'calm-calls');
			expect(slugs()).toContain('calm-calls');
		} finally {
			other.close();
		}
	});
});
