// Pure course progress rules: what counts as done, prerequisites that lock a course, and the
// progress figure shown to the trainee.

/** A quiz is identified within a course by its lesson and its position in that lesson. */
export function quizKey(lessonSlug: string, quizIndex: number): string {
	return `${lessonSlug}#${quizIndex}`;
}

export type CourseOutline = {
	lessons: { slug: string; quizCount: number }[];
	passMark: number;
};

export type TraineeCourseState = {
	readLessons: ReadonlySet<string>;
	/** Best score per quizKey. */
	bestScores: ReadonlyMap<string, number>;
};

export type CourseProgress = {
	lessonsRead: number;
	lessonsTotal: number;
	quizzesPassed: number;
	quizzesTotal: number;
	/** 0–100: read lessons and passed quizzes, each counting once. */
	percent: number;
	complete: boolean;
};

/** A course is complete when every lesson is read and every quiz's best score reaches the pass mark. */
export function courseProgress(outline: CourseOutline, state: TraineeCourseState): CourseProgress {
	const lessonsTotal = outline.lessons.length;
	const lessonsRead = outline.lessons.filter((l) => state.readLessons.has(l.slug)).length;
	let quizzesTotal = 0;
	let quizzesPassed = 0;
	for (const lesson of outline.lessons) {
		for (let i = 0; i < lesson.quizCount; i++) {
			quizzesTotal++;
			if ((state.bestScores.get(quizKey(lesson.slug, i)) ?? -1) >= outline.passMark) quizzesPassed++;
		}
	}
	const steps = lessonsTotal + quizzesTotal;
	const done = lessonsRead + quizzesPassed;
	return {
		lessonsRead,
		lessonsTotal,
		quizzesPassed,
		quizzesTotal,
		percent: steps === 0 ? 0 : Math.floor((done * 100) / steps),
		complete: steps > 0 && done === steps
	};
}

/** Prerequisite slugs the trainee has not completed yet (empty = unlocked). */
export function missingPrerequisites(prerequisites: readonly string[], completed: ReadonlySet<string>): string[] {
	return prerequisites.filter((p) => !completed.has(p));
}
