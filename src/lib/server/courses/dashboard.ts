// What the home dashboard shows about courses: where a trainee left off, and a trainer's drafts.
import type { SessionUser } from '$lib/server/auth/session';
import { missingPrerequisites } from '$lib/domain/course-progress';
import { listPublishedCourses } from './catalogue';
import { completedCourseSlugs, lastPositions, progressIn } from './progress';
import { listCoursesForAuthoring } from './authoring';
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

export function trainerCoursesSummary(user: SessionUser) {
	const editable = listCoursesForAuthoring(user).filter((c) => c.canEdit);
	return {
		editable: editable.length,
		drafts: editable.filter((c) => c.draft).map((c) => ({ slug: c.row.slug, title: c.title, number: c.draft!.number }))
	};
}
