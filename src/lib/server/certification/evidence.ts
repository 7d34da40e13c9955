// The ONLY place that reads the courses and simulator modules: turns their completions and call
// results into the rule engine's TraineeEvidence, and lists what exists for rule validation.
import { and, eq, max } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { inIds } from '$lib/server/db/in-ids';
import { quizAttempts } from '$lib/server/db/schema/courses';
import type { CallEvidence, CourseEvidence, TraineeEvidence } from '$lib/domain/certification/evidence';
import type { RuleCatalogue } from '$lib/domain/certification/rules';
import { listPublishedCourses, type PublishedCourse } from '$lib/server/courses/catalogue';
import { getCourseCompletionsForUsers, type CourseCompletion } from '$lib/server/courses/progress';
import { quizKey } from '$lib/domain/course-progress';
import { countsForCertification } from '$lib/domain/call-lifecycle';
import { angryStart, getCallResultsFor, type CallResultSummary } from '$lib/server/calls/results';
import { listPublishedScenarios } from '$lib/server/scenarios/published';

export type EvidenceCatalogue = Omit<RuleCatalogue, 'programmes'>;

export function loadEvidence(userId: number): TraineeEvidence {
	return loadEvidenceForUsers([userId]).get(userId) ?? { courses: [], calls: [] };
}

type LatestPasses = Map<string, Date>; // `${courseId}:${quizKey}` → latest passing attempt

/** The latest passing attempt of every quiz, for a set of users (one query). */
function latestPassesFor(userIds: number[]): Map<number, LatestPasses> {
	const rows = db
		.select({
			userId: quizAttempts.userId,
			courseId: quizAttempts.courseId,
			lessonSlug: quizAttempts.lessonSlug,
			quizIndex: quizAttempts.quizIndex,
			at: max(quizAttempts.createdAt)
		})
		.from(quizAttempts)
		.where(and(inIds(quizAttempts.userId, userIds), eq(quizAttempts.passed, true)))
		.groupBy(quizAttempts.userId, quizAttempts.courseId, quizAttempts.lessonSlug, quizAttempts.quizIndex)
		.all();
	const out = new Map<number, LatestPasses>();
	for (const r of rows) {
		if (!r.at) continue;
		if (!out.has(r.userId)) out.set(r.userId, new Map());
		out.get(r.userId)!.set(`${r.courseId}:${quizKey(r.lessonSlug, r.quizIndex)}`, r.at);
	}
	return out;
}

/**
 * When a completed course was last passed again in full: every quiz of the live version has a
 * passing attempt at or after that moment (the earliest of the quizzes' latest passes). Re-certification
 * that asks to redo a course compares this with the renewal window; the completion itself is kept
 * by the courses module at its first date.
 */
function lastFullPass(latest: LatestPasses | undefined, published: PublishedCourse): Date | null {
	let earliest: Date | null = null;
	for (const lesson of published.course.lessons) {
		for (let i = 0; i < lesson.quizzes.length; i++) {
			const at = latest?.get(`${published.row.id}:${quizKey(lesson.slug, i)}`);
			if (!at) return null;
			if (!earliest || at < earliest) earliest = at;
		}
	}
	return earliest;
}

function courseEvidence(completions: CourseCompletion[], latest: LatestPasses | undefined, published: PublishedCourse[]): CourseEvidence[] {
	return completions.map((c) => {
		const scores = Object.values(c.bestScores);
		const pub = published.find((p) => p.row.slug === c.courseSlug);
		const repassed = pub ? lastFullPass(latest, pub) : null;
		return {
			slug: c.courseSlug,
			passed: true,
			completedAt: repassed && repassed > c.completedAt ? repassed : c.completedAt,
			bestScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null
		};
	});
}

/**
 * Completed, scored assessment calls after trainer overrides, as the simulator reports them (its stored results).
 * Practice calls (live coaching) never count towards certification.
 */
function callEvidence(results: CallResultSummary[]): CallEvidence[] {
	return results.filter((r) => countsForCertification(r.mode)).map((r) => ({
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

/** Evidence of a set of users, one query per kind. */
export function loadEvidenceForUsers(userIds: number[]): Map<number, TraineeEvidence> {
	const published = userIds.length ? listPublishedCourses() : [];
	if (userIds.length === 0) return new Map();
	// One query per kind of evidence for the whole set of users.
	const completions = getCourseCompletionsForUsers(userIds);
	const latest = latestPassesFor(userIds);
	const results = getCallResultsFor(userIds);
	return new Map(
		userIds.map((id) => [
			id,
			{ courses: courseEvidence(completions.get(id) ?? [], latest.get(id), published), calls: callEvidence(results.get(id) ?? []) }
		])
	);
}

export function loadEvidenceCatalogue(): EvidenceCatalogue {
	return {
		courses: listPublishedCourses().map((p) => ({ slug: p.row.slug, title: p.course.meta.title })),
		scenarios: listPublishedScenarios().map((p) => ({ slug: p.scenario.slug, title: p.scenario.title, angryStart: angryStart(p.scenario) }))
	};
}
