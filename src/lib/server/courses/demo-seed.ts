// Demo data for courses: trainers get editing rights on the shipped courses (idempotent).
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { courseGrants } from '$lib/server/db/schema/courses';
import { runSeedOnce } from '$lib/server/seed/run-once';
import { getCourseBySlug } from './versions';

const DEMO_GRANTS = [
	{ email: 'priya@callcraft.demo', course: 'working-in-the-crm' },
	{ email: 'priya@callcraft.demo', course: 'telephone-etiquette' },
	{ email: 'tom@callcraft.demo', course: 'anger-control-and-de-escalation' }
];

export function seedCourseGrants(): Promise<boolean> {
	return runSeedOnce('demo-course-grants', () => {
		for (const g of DEMO_GRANTS) {
			const user = db.select({ id: users.id }).from(users).where(eq(users.email, g.email)).get();
			const course = getCourseBySlug(g.course);
			if (!user || !course) continue;
			db.insert(courseGrants).values({ courseId: course.id, userId: user.id, grantedBy: null, createdAt: new Date() }).onConflictDoNothing().run();
		}
	});
}
