// What the home dashboard shows about courses: where a trainee left off, and a trainer's drafts.
import { and, asc, eq, exists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { courseGrants, courses, courseVersions } from '$lib/server/db/schema/courses';
import type { SessionUser } from '$lib/server/auth/session';
import { missingPrerequisites } from '$lib/domain/course-progress';
import { listPublishedCourses } from './catalogue';
import { completedCourseSlugs, lastPositions, progressIn } from './progress';
import { courseIn, lessonIn } from '$lib/server/content/course-language';
import { DEFAULT_CONTENT_LANGUAGE, type ContentLanguage } from '$lib/schemas/course';

export type TraineeCoursesSummary = {
	resume: { courseSlug: string; courseTitle: string; lessonSlug: string; lessonTitle: string; percent: number } | null;
	next: { courseSlug: string; courseTitle: string } | null;
	completed: number;
	total: number;
};

/** `language`: the trainee's, for course and lesson titles. */
export function traineeCoursesSummary(user: SessionUser, language: ContentLanguage = DEFAULT_CONTENT_LANGUAGE): TraineeCoursesSummary {
	const published = listPublishedCourses();
	const completed = completedCourseSlugs(user.id);
	let resume: TraineeCoursesSummary['resume'] = null;
	for (const pos of lastPositions(user.id)) {
		const pub = published.find((p) => p.row.id === pos.courseId);
		if (!pub || completed.has(pub.row.slug)) continue;
		const lesson = pub.course.lessons.find((l) => l.slug === pos.lessonSlug) ?? pub.course.lessons[0];
		resume = {
			courseSlug: pub.row.slug,
			courseTitle: courseIn(pub.course, language).title,
			lessonSlug: lesson.slug,
			lessonTitle: lessonIn(lesson, pub.course.language, language).title,
			percent: progressIn(user.id, pub.row.id, pub.course).percent
		};
		break;
	}
	const nextPub = published.find(
		(p) => !completed.has(p.row.slug) && missingPrerequisites(p.course.meta.prerequisites, completed).length === 0
	);
	return {
		resume,
		next: nextPub ? { courseSlug: nextPub.row.slug, courseTitle: courseIn(nextPub.course, language).title } : null,
		completed: published.filter((p) => completed.has(p.row.slug)).length,
		total: published.length
	};
}

/**
 * A trainer's or admin's courses card: how many courses they may edit and which of those have a draft. One prepared
 * read of narrow rows (no version's text; a course's draft as getDraft finds it). Who may edit is canEditCourse's rule
 * (an admin every course, a trainer the courses they own or were granted), written here in SQL so that no course is
 * asked about one by one; courses.server.test.ts pins the two together.
 */
export function trainerCoursesSummary(user: SessionUser) {
	const admin = user.roles.includes('admin');
	if (!admin && !user.roles.includes('trainer')) return { editable: 0, drafts: [] };
	const rows = editableCourses().all({ admin: admin ? 1 : 0, userId: user.id });
	return {
		editable: rows.length,
		drafts: rows.flatMap((r) => (r.draft === null ? [] : [{ slug: r.slug, title: r.title ?? r.slug, number: r.draft }]))
	};
}
const draftOfCourse = alias(courseVersions, 'draft');
const editableCourses = lazy(() =>
	db
		.select({ slug: courses.slug, draft: draftOfCourse.number, title: draftOfCourse.title })
		.from(courses)
		.leftJoin(draftOfCourse, eq(draftOfCourse.id, sql`(select min(v.id) from ${courseVersions} v where v.course_id = ${courses.id} and v.status = 'draft')`))
		.where(
			or(
				eq(sql.placeholder('admin'), 1),
				eq(courses.ownerId, sql.placeholder('userId')),
				exists(db.select({ one: sql`1` }).from(courseGrants).where(and(eq(courseGrants.courseId, courses.id), eq(courseGrants.userId, sql.placeholder('userId')))))
			)
		)
		.orderBy(asc(courses.folder))
		.prepare()
);
