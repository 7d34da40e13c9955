// Demo "finished work" for the certification demo trainees, written through the real modules: the
// courses module's own functions (lessons read, quizzes answered and graded, completion recorded) and
// the simulator's call service (a scripted agent answers, talks, fills in the CRM, hangs up and does
// the after-call work; the simulator scores it). Dashboards show progress and the e2e journey can take
// a trainee to a certificate. Idempotent via runSeedOnce.
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { runSeedOnce } from '$lib/server/seed/run-once';
import { demoUser } from '$lib/server/seed/demo-accounts';
import { getPublishedCourse } from '$lib/server/courses/catalogue';
import { markLessonRead, updateCompletion } from '$lib/server/courses/progress';
import { submitQuizAttempt } from '$lib/server/courses/quiz';
import type { QuestionAnswer, QuizQuestion } from '$lib/schemas/course';
import { findPublishedScenario } from '$lib/server/scenarios/published';
import { answerCall, appendClientEvent, endCall, finishAfterCallWork, startCall } from '$lib/server/calls/service';
import { calls } from '$lib/server/db/schema/calls';
import { playMoves } from '$lib/domain/call/dry-run';
import type { TimelineEvent } from '$lib/domain/call';
import type { CallMode } from '$lib/domain/call-lifecycle';
// The simulator's scripted "perfect agent" for each shipped scenario (shared with its scenario tests).
import { SCRIPTS } from '../../domain/call/scripted-trainees';
import { CERT_DEMO_TRAINEES } from './demo-trainees';

const DAY = 86_400_000;

/** The answer key of a question, in the shape a trainee submits. */
function correctAnswer(q: QuizQuestion): QuestionAnswer {
	return q.type === 'ordering' ? q.items : q.answer;
}

/**
 * Reads every lesson and passes every quiz of a course, as the trainee would, at `at`. With
 * `leaveLastLessonUnread` the course stays one click short of completion (the e2e journey makes that click).
 */
export function completeCourseAs(userId: number, courseSlug: string, at: Date, opts: { leaveLastLessonUnread?: boolean } = {}): boolean {
	const pub = getPublishedCourse(courseSlug);
	if (!pub) return false;
	pub.course.lessons.forEach((lesson, index) => {
		if (!opts.leaveLastLessonUnread || index < pub.course.lessons.length - 1) markLessonRead(userId, pub.row.id, lesson.slug, at);
		lesson.quizzes.forEach((quiz, i) => {
			const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, correctAnswer(q)]));
			submitQuizAttempt(userId, pub, lesson, i, answers, at);
		});
	});
	return updateCompletion(userId, pub.row.id, pub.version.id, pub.course, at);
}

/**
 * Plays the scenario's scripted agent through the call service as if the call began at `startAt`:
 * every trainee move is sent at its scripted time, the caller's replies come from the engine.
 * Returns the call id, or null when the scenario or its script does not exist.
 */
export function playScriptedCall(userId: number, scenarioSlug: string, startAt: Date, mode: CallMode = 'assessment'): string | null {
	const published = findPublishedScenario(scenarioSlug);
	const script = SCRIPTS[scenarioSlug]?.perfect;
	if (!published || !script) return null;
	const { timeline } = playMoves(published.scenario, script);
	const at = (t: number) => new Date(startAt.getTime() + 2000 + t);
	const { id } = startCall(userId, scenarioSlug, startAt, mode);
	const fresh = () => db.select().from(calls).where(eq(calls.id, id)).get()!;
	answerCall(fresh(), at(0));
	let n = 0;
	for (const event of timeline as TimelineEvent[]) {
		if (event.type === 'call_started' || event.type === 'customer_utterance') continue;
		// The live caller hangs up once the conversation is over; after that only CRM work is accepted.
		const hungUp = fresh().state === 'acw';
		if (hungUp && event.type !== 'crm_change' && event.type !== 'crm_save' && event.type !== 'acw_saved') continue;
		if (event.type === 'call_ended') endCall(fresh(), at(event.t));
		else if (event.type === 'acw_saved') finishAfterCallWork(fresh(), event.email, at(event.t));
		else appendClientEvent(fresh(), `demo-${++n}`, event, at(event.t));
	}
	return id;
}

const LEVEL_1_CALLS = ['address-change-verification', 'appointment-booking', 'sales-enquiry', 'angry-billing-dispute'];

/** The last course of a plan is left one lesson short when `almost` is set: one click from Level 1. */
const PLAN: { who: string; courses: string[]; calls: string[]; almost?: boolean }[] = [
	{ who: CERT_DEMO_TRAINEES.ready, courses: ['working-in-the-crm', 'telephone-etiquette'], calls: LEVEL_1_CALLS, almost: true },
	{ who: CERT_DEMO_TRAINEES.race, courses: ['working-in-the-crm', 'telephone-etiquette'], calls: LEVEL_1_CALLS, almost: true },
	{ who: CERT_DEMO_TRAINEES.partial, courses: ['working-in-the-crm'], calls: ['address-change-verification', 'sales-enquiry'] }
];

export function seedCertificationDemoWork(now = new Date()): Promise<boolean> {
	return runSeedOnce('certification demo work', () => {
		for (const { who, courses, calls: scenarios, almost } of PLAN) {
			const user = db.select({ id: users.id }).from(users).where(eq(users.email, demoUser(who).email)).get();
			if (!user) continue;
			scenarios.forEach((slug, i) => playScriptedCall(user.id, slug, new Date(now.getTime() - (14 - i * 2) * DAY)));
			courses.forEach((slug, i) =>
				completeCourseAs(user.id, slug, new Date(now.getTime() - (5 - i) * DAY), { leaveLastLessonUnread: almost && i === courses.length - 1 })
			);
		}
	});
}
