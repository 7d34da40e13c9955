// Demo "finished work" for the certification demo trainees, written through the courses module's own
// functions (lessons read, quizzes answered and graded, completion recorded) — so dashboards show
// progress and the e2e journey can take a trainee to a certificate. Idempotent via runSeedOnce.
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { runSeedOnce } from '$lib/server/seed/run-once';
import { demoUser } from '$lib/server/seed/demo-accounts';
import { getPublishedCourse } from '$lib/server/courses/catalogue';
import { markLessonRead, updateCompletion } from '$lib/server/courses/progress';
import { submitQuizAttempt } from '$lib/server/courses/quiz';
import type { QuestionAnswer, QuizQuestion } from '$lib/schemas/course';
import { CERT_DEMO_TRAINEES } from './demo-trainees';

const DAY = 86_400_000;

/** The answer key of a question, in the shape a trainee submits. */
function correctAnswer(q: QuizQuestion): QuestionAnswer {
	return q.type === 'ordering' ? q.items : q.answer;
}

/** Reads every lesson and passes every quiz of a course, as the trainee would, at `at`. */
export function completeCourseAs(userId: number, courseSlug: string, at: Date): boolean {
	const pub = getPublishedCourse(courseSlug);
	if (!pub) return false;
	for (const lesson of pub.course.lessons) {
		markLessonRead(userId, pub.row.id, lesson.slug, at);
		lesson.quizzes.forEach((quiz, i) => {
			const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, correctAnswer(q)]));
			submitQuizAttempt(userId, pub, lesson, i, answers, at);
		});
	}
	return updateCompletion(userId, pub.row.id, pub.version.id, pub.course, at);
}

const PLAN: { who: string; courses: string[] }[] = [
	{ who: CERT_DEMO_TRAINEES.ready, courses: ['working-in-the-crm', 'telephone-etiquette'] },
	{ who: CERT_DEMO_TRAINEES.race, courses: ['working-in-the-crm', 'telephone-etiquette'] },
	{ who: CERT_DEMO_TRAINEES.partial, courses: ['working-in-the-crm'] }
];

export function seedCertificationDemoWork(now = new Date()): Promise<boolean> {
	return runSeedOnce('certification demo work', () => {
		for (const { who, courses } of PLAN) {
			const user = db.select({ id: users.id }).from(users).where(eq(users.email, demoUser(who).email)).get();
			if (!user) continue;
			courses.forEach((slug, i) => completeCourseAs(user.id, slug, new Date(now.getTime() - (14 - i * 3) * DAY)));
		}
	});
}
