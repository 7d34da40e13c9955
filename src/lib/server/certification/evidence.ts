// The ONLY place that reads the courses and simulator modules: turns their completions and call
// results into the rule engine's TraineeEvidence, and lists what exists for rule validation.
import { and, eq, max } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { quizAttempts } from '$lib/server/db/schema/courses';
import type { CallEvidence, CourseEvidence, TraineeEvidence } from '$lib/domain/certification/evidence';
import type { RuleCatalogue } from '$lib/domain/certification/rules';
import { listPublishedCourses, type PublishedCourse } from '$lib/server/courses/catalogue';
import { getCourseCompletions } from '$lib/server/courses/progress';
import { quizKey } from '$lib/domain/course-progress';
import { angryStart, getCallResultsFor, type CallResultSummary } from '$lib/server/calls/results';
import { listPublishedScenarios } from '$lib/server/scenarios/published';

export type EvidenceCatalogue = Omit<RuleCatalogue, 'programmes'>;

export function loadEvidence(userId: number): TraineeEvidence {
	return loadEvidenceForUsers([userId]).get(userId) ?? { courses: [], calls: [] };
}

/**
 * When a completed course was last passed again in full: every quiz of the live version has a
 * passing attempt at or after that moment (the earliest of the quizzes' latest passes). Re-certification
 * that asks to redo a course compares this with the renewal window; the completion itself is kept
 * by the courses module at its first date.
 */
function lastFullPass(userId: number, published: PublishedCourse): Date | null {
	const rows = db
		.select({ lessonSlug: quizAttempts.lessonSlug, quizIndex: quizAttempts.quizIndex, at: max(quizAttempts.createdAt) })
		.from(quizAttempts)
		.where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, published.row.id), eq(quizAttempts.passed, true)))
		.groupBy(quizAttempts.lessonSlug, quizAttempts.quizIndex)
		.all();
	const latest = new Map(rows.map((r) => [quizKey(r.lessonSlug, r.quizIndex), r.at]));
	let earliest: Date | null = null;
	for (const lesson of published.course.lessons) {
		for (let i = 0; i < lesson.quizzes.length; i++) {
			const at = latest.get(quizKey(lesson.slug, i));
			if (!at) return null;
			if (!earliest || at < earliest) earliest = at;
		}
	}
	return earliest;
}

function courseEvidence(userId: number, published: PublishedCourse[]): CourseEvidence[] {
	return getCourseCompletions(userId).map((c) => {
		const scores = Object.values(c.bestScores);
		const pub = published.find((p) => p.row.slug === c.courseSlug);
		const repassed = pub ? lastFullPass(userId, pub) : null;
		return {
			slug: c.courseSlug,
			passed: true,
			completedAt: repassed && repassed > c.completedAt ? repassed : c.completedAt,
			bestScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null
		};
	});
}

/** Completed, scored calls after trainer overrides, as the simulator reports them (its stored results). */
function callEvidence(results: CallResultSummary[]): CallEvidence[] {
	return results.map((r) => ({
		id: r.callId,
		scenarioSlug: r.scenarioSlug,
		angryStart: r.angryStart,
		total: r.total,
		sections: r.sections,
		recordAccuracy: r.recordAccuracy,
		endedAt: r.endedAt,
		handleSeconds: r.handleSeconds,
		acwSeconds: r.acwSeconds,
		holdSeconds: r.holdSeconds,
		resolvedFirstContact: r.resolvedFirstContact
	}));
}

export function loadEvidenceForUsers(userIds: number[]): Map<number, TraineeEvidence> {
	const published = userIds.length ? listPublishedCourses() : [];
	const results = getCallResultsFor(userIds); // one query for every user's calls
	return new Map(userIds.map((id) => [id, { courses: courseEvidence(id, published), calls: callEvidence(results.get(id) ?? []) }]));
}

export function loadEvidenceCatalogue(): EvidenceCatalogue {
	return {
		courses: listPublishedCourses().map((p) => ({ slug: p.row.slug, title: p.course.meta.title })),
		scenarios: listPublishedScenarios().map((p) => ({ slug: p.scenario.slug, title: p.scenario.title, angryStart: angryStart(p.scenario) }))
	};
}
