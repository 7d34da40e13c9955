// Loads a published course and lesson for a trainee, enforcing that the course exists and is unlocked.
import { m } from '$lib/paraglide/messages.js';
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/session';
import { missingPrerequisites } from '$lib/domain/course-progress';
import { getPublishedCourse, type PublishedCourse } from './catalogue';
import { completedCourseSlugs } from './progress';
import type { LoadedLesson } from '$lib/server/content/courses';

/** Trainers and admins review courses, so prerequisites never lock them out. */
function isCourseReviewer(user: SessionUser): boolean {
	return user.roles.includes('trainer') || user.roles.includes('admin');
}

/**
 * Prerequisites that keep `user` out of a course. Trainers and admins are never locked out (they
 * review courses), but they see which prerequisites a trainee would need. `completed`: the user's
 * completed course slugs, when the caller already has them.
 */
export function lockingPrerequisites(
	user: SessionUser,
	pub: PublishedCourse,
	completed = completedCourseSlugs(user.id)
): { missing: string[]; locked: boolean } {
	const missing = missingPrerequisites(pub.course.meta.prerequisites, completed);
	return { missing, locked: missing.length > 0 && !isCourseReviewer(user) };
}

/** The live course and lesson; 404 if missing, redirect to the course page if still locked. */
export function openLesson(user: SessionUser, courseSlug: string, lessonSlug: string): { pub: PublishedCourse; lesson: LoadedLesson; index: number } {
	const pub = getPublishedCourse(courseSlug);
	if (!pub) error(404, { message: m.srv_no_course() });
	const index = pub.course.lessons.findIndex((l) => l.slug === lessonSlug);
	if (index < 0) error(404, { message: m.srv_no_lesson_in_course() });
	if (lockingPrerequisites(user, pub).locked) redirect(303, `/courses/${courseSlug}`);
	return { pub, lesson: pub.course.lessons[index], index };
}
