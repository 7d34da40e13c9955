// Trainee progress through courses, and the query other features use.
//
// Stable API for other features (certification reads this — keep the signature):
//
//   getCourseCompletions(userId: number): CourseCompletion[]
//     One entry per course the user has completed (every lesson read and every quiz's best score
//     ≥ the course's pass mark, as of when they finished), oldest first:
//     { courseSlug, courseTitle, completedAt: Date, versionId, bestScores: { 'lesson-slug#0': 85, … } }
//     bestScores holds the best score (0–100) per quiz, keyed by `${lessonSlug}#${quizIndex}`.
//     A completion stays recorded when a course is revised later.
//
//   getCourseCompletionsForUsers(userIds: number[]): Map<number, CourseCompletion[]>
//     The same for many users in one query (every id in `userIds` is a key, maybe with []).
//
//   listCourseTitles(): { slug: string; title: string }[]
//     Every course that has a published version, in catalogue order (for rule validation/labels).
import { and, asc, eq, max, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { inIds } from '$lib/server/db/in-ids';
import { lazy } from '$lib/server/db/lazy';
import {
	courseCompletions,
	coursePositions,
	courses,
	courseVersions,
	lessonReads,
	quizAttempts
} from '$lib/server/db/schema/courses';
import { courseProgress, quizKey, type CourseProgress } from '$lib/domain/course-progress';
import type { LoadedCourse } from '$lib/server/content/courses';
import { evaluateAndIssueSafely } from '$lib/server/certification/auto-issue';

export type CourseCompletion = {
	courseSlug: string;
	courseTitle: string;
	completedAt: Date;
	versionId: number;
	bestScores: Record<string, number>;
};

/** Best score per quiz (`lesson#index`) for one user, per course id. */
function bestScoresFor(userId: number, courseId?: number): Map<number, Map<string, number>> {
	return bestScoresForUsers([userId], courseId).get(userId) ?? new Map();
}

const bestScoreColumns = {
	userId: quizAttempts.userId,
	courseId: quizAttempts.courseId,
	lessonSlug: quizAttempts.lessonSlug,
	quizIndex: quizAttempts.quizIndex,
	best: max(quizAttempts.score)
};
const bestScoreGroups = [quizAttempts.userId, quizAttempts.courseId, quizAttempts.lessonSlug, quizAttempts.quizIndex] as const;
// One trainee's best scores, on every course page and the home page: prepared once (all courses, or one).
const bestScoresOfOne = lazy(() =>
	db
		.select(bestScoreColumns)
		.from(quizAttempts)
		.where(eq(quizAttempts.userId, sql.placeholder('userId')))
		.groupBy(...bestScoreGroups)
		.prepare()
);
const bestScoresOfOneInCourse = lazy(() =>
	db
		.select(bestScoreColumns)
		.from(quizAttempts)
		.where(and(eq(quizAttempts.userId, sql.placeholder('userId')), eq(quizAttempts.courseId, sql.placeholder('courseId'))))
		.groupBy(...bestScoreGroups)
		.prepare()
);

/** Best score per quiz for several users in one query (covered by index quiz_attempts_user_quiz_idx): user → course → quiz. */
function bestScoresForUsers(userIds: number[], courseId?: number): Map<number, Map<number, Map<string, number>>> {
	let rows;
	if (userIds.length === 1) {
		rows = courseId === undefined ? bestScoresOfOne().all({ userId: userIds[0] }) : bestScoresOfOneInCourse().all({ userId: userIds[0], courseId });
	} else {
		const byUser = inIds(quizAttempts.userId, userIds);
		rows = db
			.select(bestScoreColumns)
			.from(quizAttempts)
			.where(courseId === undefined ? byUser : and(byUser, eq(quizAttempts.courseId, courseId)))
			.groupBy(...bestScoreGroups)
			.all();
	}
	const out = new Map<number, Map<number, Map<string, number>>>();
	for (const r of rows) {
		let courses = out.get(r.userId);
		if (!courses) out.set(r.userId, (courses = new Map()));
		let quizzes = courses.get(r.courseId);
		if (!quizzes) courses.set(r.courseId, (quizzes = new Map()));
		quizzes.set(quizKey(r.lessonSlug, r.quizIndex), r.best ?? 0);
	}
	return out;
}

export function getCourseCompletions(userId: number): CourseCompletion[] {
	return getCourseCompletionsForUsers([userId]).get(userId) ?? [];
}

export function getCourseCompletionsForUsers(userIds: number[]): Map<number, CourseCompletion[]> {
	const out = new Map<number, CourseCompletion[]>(userIds.map((id) => [id, []]));
	if (userIds.length === 0) return out;
	const rows = db
		.select({
			userId: courseCompletions.userId,
			courseId: courseCompletions.courseId,
			courseSlug: courses.slug,
			completedAt: courseCompletions.completedAt,
			versionId: courseCompletions.versionId,
			courseTitle: courseVersions.title
		})
		.from(courseCompletions)
		.innerJoin(courses, eq(courses.id, courseCompletions.courseId))
		.innerJoin(courseVersions, eq(courseVersions.id, courseCompletions.versionId))
		.where(inIds(courseCompletions.userId, userIds))
		.orderBy(asc(courseCompletions.completedAt))
		.all();
	// Best quiz scores of every user with a completion, in one query (not one per user).
	const scores = bestScoresForUsers([...new Set(rows.map((r) => r.userId))]);
	for (const r of rows) {
		out.get(r.userId)?.push({
			courseSlug: r.courseSlug,
			courseTitle: r.courseTitle,
			completedAt: r.completedAt,
			versionId: r.versionId,
			bestScores: Object.fromEntries(scores.get(r.userId)?.get(r.courseId) ?? [])
		});
	}
	return out;
}

export function listCourseTitles(): { slug: string; title: string }[] {
	return db
		.select({ slug: courses.slug, title: courseVersions.title })
		.from(courses)
		.innerJoin(courseVersions, eq(courseVersions.id, courses.publishedVersionId))
		.orderBy(asc(courses.folder))
		.all();
}

/** Slugs of courses the user has completed. */
// A trainee's course pages read these on every view: prepared once.
const completedSlugs = lazy(() =>
	db
		.select({ slug: courses.slug })
		.from(courseCompletions)
		.innerJoin(courses, eq(courses.id, courseCompletions.courseId))
		.where(eq(courseCompletions.userId, sql.placeholder('userId')))
		.prepare()
);
const readSlugs = lazy(() =>
	db
		.select({ slug: lessonReads.lessonSlug })
		.from(lessonReads)
		.where(and(eq(lessonReads.userId, sql.placeholder('userId')), eq(lessonReads.courseId, sql.placeholder('courseId'))))
		.prepare()
);

export function completedCourseSlugs(userId: number): Set<string> {
	return new Set(completedSlugs().all({ userId }).map((r) => r.slug));
}

export function readLessonSlugs(userId: number, courseId: number): Set<string> {
	return new Set(readSlugs().all({ userId, courseId }).map((r) => r.slug));
}

export function bestScoresInCourse(userId: number, courseId: number): Map<string, number> {
	return bestScoresFor(userId, courseId).get(courseId) ?? new Map();
}

export function outlineOf(course: LoadedCourse) {
	return {
		passMark: course.meta.passMark,
		lessons: course.lessons.map((l) => ({ slug: l.slug, quizCount: l.quizzes.length }))
	};
}

/**
 * Progress of a user in a course (as published in `course`). `known`: the lessons read and best scores the caller
 * has already read for this user and course (a course page shows them too), so they are not read twice.
 */
export function progressIn(userId: number, courseId: number, course: LoadedCourse, known?: { readLessons: Set<string>; bestScores: Map<string, number> }): CourseProgress {
	return courseProgress(outlineOf(course), known ?? { readLessons: readLessonSlugs(userId, courseId), bestScores: bestScoresInCourse(userId, courseId) });
}

/** A user's progress in each of these courses (the course list): two reads for all of them, not two per course. */
export function progressInCourses(userId: number, list: readonly { row: { id: number }; course: LoadedCourse }[]): Map<number, CourseProgress> {
	const reads = new Map<number, Set<string>>();
	for (const r of readSlugsOfUser().all({ userId })) {
		const set = reads.get(r.courseId);
		if (set) set.add(r.slug);
		else reads.set(r.courseId, new Set([r.slug]));
	}
	const best = bestScoresFor(userId);
	return new Map(list.map(({ row, course }) => [row.id, progressIn(userId, row.id, course, { readLessons: reads.get(row.id) ?? new Set(), bestScores: best.get(row.id) ?? new Map() })]));
}
const readSlugsOfUser = lazy(() =>
	db
		.select({ courseId: lessonReads.courseId, slug: lessonReads.lessonSlug })
		.from(lessonReads)
		.where(eq(lessonReads.userId, sql.placeholder('userId')))
		.prepare()
);

/** Records the completion the first time the rule is met. Returns whether the course is complete. */
export function updateCompletion(userId: number, courseId: number, versionId: number, course: LoadedCourse, at = new Date()): boolean {
	const progress = progressIn(userId, courseId, course);
	if (progress.complete) {
		db.insert(courseCompletions).values({ userId, courseId, versionId, completedAt: at }).onConflictDoNothing().run();
		evaluateAndIssueSafely(userId, at); // certification: issue any certificate this completion (or re-pass) earns
	}
	return progress.complete;
}

export function completionOf(userId: number, courseId: number) {
	return completionOfOne().get({ userId, courseId });
}
const completionOfOne = lazy(() =>
	db
		.select()
		.from(courseCompletions)
		.where(and(eq(courseCompletions.userId, sql.placeholder('userId')), eq(courseCompletions.courseId, sql.placeholder('courseId'))))
		.prepare()
);

export function markLessonRead(userId: number, courseId: number, lessonSlug: string, at = new Date()): void {
	db.insert(lessonReads).values({ userId, courseId, lessonSlug, readAt: at }).onConflictDoNothing().run();
}

export function setPosition(userId: number, courseId: number, lessonSlug: string, at = new Date()): void {
	db.insert(coursePositions)
		.values({ userId, courseId, lessonSlug, updatedAt: at })
		.onConflictDoUpdate({ target: [coursePositions.userId, coursePositions.courseId], set: { lessonSlug, updatedAt: at } })
		.run();
}

export function getPosition(userId: number, courseId: number): string | undefined {
	return positionOf().get({ userId, courseId })?.slug;
}
const positionOf = lazy(() =>
	db
		.select({ slug: coursePositions.lessonSlug })
		.from(coursePositions)
		.where(and(eq(coursePositions.userId, sql.placeholder('userId')), eq(coursePositions.courseId, sql.placeholder('courseId'))))
		.prepare()
);

/** The course the user touched most recently that is not complete yet (for "continue where you left off"). */
export function lastPositions(userId: number) {
	return positionsOf().all({ userId }).reverse();
}
const positionsOf = lazy(() =>
	db
		.select({ courseId: coursePositions.courseId, lessonSlug: coursePositions.lessonSlug, updatedAt: coursePositions.updatedAt })
		.from(coursePositions)
		.where(eq(coursePositions.userId, sql.placeholder('userId')))
		.orderBy(asc(coursePositions.updatedAt))
		.prepare()
);

/** Number of attempts a user made on one quiz (seeds the next shuffle). */
export function attemptCount(userId: number, courseId: number, lessonSlug: string, quizIndex: number): number {
	return db
		.select({ id: quizAttempts.id })
		.from(quizAttempts)
		.where(
			and(
				eq(quizAttempts.userId, userId),
				eq(quizAttempts.courseId, courseId),
				eq(quizAttempts.lessonSlug, lessonSlug),
				eq(quizAttempts.quizIndex, quizIndex)
			)
		)
		.all().length;
}
