// The evidence adapter against the real courses module: completing a course through its own
// functions issues the certificate (the completion hook), and re-passing a course re-certifies.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { recordStatements } from '$lib/server/db/record-statements';
import { users } from '$lib/server/db/schema/users';
import { getPublishedCourse, importContentCourses } from '$lib/server/courses/catalogue';
import { markLessonRead, updateCompletion } from '$lib/server/courses/progress';
import { submitQuizAttempt } from '$lib/server/courses/quiz';
import { loadEvidence, loadEvidenceCatalogue, loadEvidenceForUsers } from './evidence';
import { saveProgramme } from './programmes';
import { reevaluationPending } from './auto-issue';
import { certificatesOf } from './certificates';

const GREETING = { 'greeting-order': ['Company name', 'Your name', 'Offer of help'], 'greeting-best': 1 };
const CLOSING = { 'closing-summary': true, 'closing-parts': [0, 1] };
const ISSUED = new Date('2026-01-10T09:00:00Z');

const admin = db.insert(users).values({ email: 'admin@example.test', name: 'Admin', passwordHash: 'x', createdAt: ISSUED }).returning().get().id;
const trainee = db.insert(users).values({ email: 'zoe@example.test', name: 'Zoë Trainee', passwordHash: 'x', createdAt: ISSUED }).returning().get().id;

function passEverything(at: Date) {
	const pub = getPublishedCourse('phone-basics')!;
	const [greeting, closing] = pub.course.lessons;
	submitQuizAttempt(trainee, pub, greeting, 0, GREETING, at);
	submitQuizAttempt(trainee, pub, closing, 0, CLOSING, at);
	for (const l of pub.course.lessons) markLessonRead(trainee, pub.row.id, l.slug, at);
	updateCompletion(trainee, pub.row.id, pub.version.id, pub.course, at);
}

beforeAll(async () => {
	importContentCourses('tests/fixtures/courses/valid');
	const saved = saveProgramme(
		{
			slug: 'phone-ready',
			title: 'Phone ready',
			description: '',
			rules: { courses: ['phone-basics'], calls: [], prerequisites: [], validityMonths: 12, recertify: { courses: ['phone-basics'], calls: false } }
		},
		admin,
		undefined,
		{ now: ISSUED }
	);
	expect(saved.ok).toBe(true);
	if (saved.ok) await saved.reevaluation;
});

describe('evidence from the courses module', () => {
	it('lists published courses for rule validation', () => {
		expect(loadEvidenceCatalogue().courses).toEqual([
			{ slug: 'phone-basics', title: 'Phone basics' },
			{ slug: 'calm-calls', title: expect.any(String) }
		]);
	});

	it('issues the certificate the moment the course is completed, then re-certifies after a re-pass in the window', () => {
		expect(loadEvidence(trainee).courses).toEqual([]);
		passEverything(ISSUED);
		const [first] = certificatesOf(trainee);
		expect(first).toMatchObject({ programmeTitle: 'Phone ready', cycle: 1, holderName: 'Zoë Trainee', issuedAt: ISSUED });
		expect(loadEvidence(trainee).courses).toEqual([{ slug: 'phone-basics', passed: true, completedAt: ISSUED, bestScore: 100 }]);

		// Inside the renewal window (11.5 months later) the old pass does not count; passing again does.
		const renewal = new Date('2026-12-25T09:00:00Z');
		const pub = getPublishedCourse('phone-basics')!;
		submitQuizAttempt(trainee, pub, pub.course.lessons[0], 0, GREETING, renewal);
		expect(certificatesOf(trainee)).toHaveLength(1); // one quiz re-passed is not the whole course
		submitQuizAttempt(trainee, pub, pub.course.lessons[1], 0, CLOSING, renewal);
		const certs = certificatesOf(trainee);
		expect(certs.map((c) => c.cycle)).toEqual([2, 1]);
		expect(certs[0].expiresAt?.toISOString()).toBe('2027-12-25T09:00:00.000Z');
	});
});

describe('bulk evidence', () => {
	it('reads a set of users with one query per kind of evidence, equal to reading them one by one', () => {
		const other = db.insert(users).values({ email: 'yan@example.test', name: 'Yan', passwordHash: 'x', createdAt: ISSUED }).returning().get().id;
		const { result: bulk, statements } = recordStatements(() => loadEvidenceForUsers([trainee, other, admin]));
		expect(bulk.get(trainee)).toEqual(loadEvidence(trainee));
		expect(bulk.get(trainee)!.courses).toHaveLength(1);
		expect(bulk.get(other)).toEqual({ courses: [], calls: [] });
		const reads = (table: string) => statements.filter((s) => new RegExp(`from "${table}"`).test(s.sql)).length;
		expect(reads('calls')).toBe(1);
		expect(reads('course_completions')).toBe(1);
	});
});

describe('re-evaluation after a programme is saved', () => {
	it('runs off the request: the save returns first, the eligible trainee gets the certificate when it ends', async () => {
		const holdsNew = () => certificatesOf(trainee).some((c) => c.programmeTitle === 'Phone basics, again');
		expect(loadEvidence(trainee).courses.map((c) => c.slug)).toContain('phone-basics');
		const saved = saveProgramme(
			{
				slug: 'phone-again',
				title: 'Phone basics, again',
				description: '',
				rules: { courses: ['phone-basics'], calls: [], prerequisites: [], validityMonths: null, recertify: { courses: [], calls: false } }
			},
			admin,
			undefined,
			{ now: new Date() }
		);
		if (!saved.ok) throw new Error('not saved');
		// returned before any trainee was looked at; start-up would resume it if the app stopped now
		expect(holdsNew()).toBe(false);
		expect(reevaluationPending()).toBe(true);
		expect(await saved.reevaluation).toBeGreaterThanOrEqual(1);
		expect(holdsNew()).toBe(true);
		expect(reevaluationPending()).toBe(false);
	});
});
