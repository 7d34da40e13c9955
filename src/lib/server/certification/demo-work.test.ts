import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { getCourseCompletions, markLessonRead, updateCompletion } from '$lib/server/courses/progress';
import { getPublishedCourse } from '$lib/server/courses/catalogue';
import { certificatesOf } from './certificates';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { completeCourseAs, playScriptedCall, seedCertificationDemoWork } from './demo-work';
import { seedDemoUsers } from '$lib/server/seed/demo-users';
import { demoUser } from '$lib/server/seed/demo-accounts';
import { eq } from 'drizzle-orm';
import { seedDemoProgrammes } from './seed';
import { evaluateAndIssue } from './auto-issue';
import { CERT_DEMO_TRAINEES } from './demo-trainees';

const importScenarios = () => importContentScenarios('content/scenarios');
import { loadEvidence } from './evidence';

describe('completeCourseAs', () => {
	it('completes a shipped course through the courses module, with every quiz passed', () => {
		importContentCourses('content/courses');
		const at = new Date('2026-02-01T08:00:00Z');
		const id = db.insert(users).values({ email: 'd@example.test', name: 'Demo', passwordHash: 'x', createdAt: at }).returning().get().id;
		expect(completeCourseAs(id, 'telephone-etiquette', at)).toBe(true);
		expect(getCourseCompletions(id).map((c) => c.courseSlug)).toEqual(['telephone-etiquette']);
		expect(loadEvidence(id).courses).toEqual([{ slug: 'telephone-etiquette', passed: true, completedAt: at, bestScore: 100 }]);
		expect(completeCourseAs(id, 'no-such-course', at)).toBe(false);
	});
});

describe('playScriptedCall', () => {
	it('plays a scripted agent through the call service into a scored call the rules can count', () => {
		importScenarios();
		const at = new Date(Date.now() - 3 * 86_400_000);
		const id = db.insert(users).values({ email: 'call@example.test', name: 'Caller', passwordHash: 'x', createdAt: at }).returning().get().id;
		expect(playScriptedCall(id, 'angry-billing-dispute', at)).toEqual(expect.any(String));
		expect(playScriptedCall(id, 'no-such-scenario', at)).toBeNull();
		const [call] = loadEvidence(id).calls;
		expect(call).toMatchObject({ scenarioSlug: 'angry-billing-dispute', angryStart: true });
		expect(call.total).toBeGreaterThanOrEqual(80);
		expect(call.recordAccuracy).toBeGreaterThanOrEqual(80);
		expect(call.endedAt.getTime()).toBeGreaterThan(at.getTime());
	});
});

describe('seedCertificationDemoWork', () => {
	it('gives the "ready" trainee everything for Level 1 (and only that), the partial one part of it', async () => {
		importScenarios();
		await seedDemoUsers();
		seedDemoProgrammes();
		expect(await seedCertificationDemoWork()).toBe(true);
		expect(await seedCertificationDemoWork()).toBe(false);
		const idOf = (key: string) => db.select().from(users).where(eq(users.email, demoUser(key).email)).get()!.id;

		// One click short: nothing issued until the last lesson is read, then the completion hook issues Level 1.
		const ready = idOf(CERT_DEMO_TRAINEES.ready);
		expect(evaluateAndIssue(ready).issued).toEqual([]);
		const pub = getPublishedCourse('telephone-etiquette')!;
		markLessonRead(ready, pub.row.id, pub.course.lessons.at(-1)!.slug);
		expect(updateCompletion(ready, pub.row.id, pub.version.id, pub.course)).toBe(true);
		expect(certificatesOf(ready).map((c) => c.programmeTitle)).toEqual(['CRM Call Handling — Level 1']);
		const partial = evaluateAndIssue(idOf(CERT_DEMO_TRAINEES.partial));
		expect(partial.issued).toEqual([]);
		const level1 = partial.evaluations.find((e) => e.programmeSlug === 'crm-call-handling-level-1')!;
		expect(level1.items.map((i) => [i.key, i.done, i.required])).toEqual([
			['course:working-in-the-crm', 1, 1],
			['course:telephone-etiquette', 0, 1],
			['calls:0', 2, 3],
			['calls:1', 0, 1]
		]);
	});
});
