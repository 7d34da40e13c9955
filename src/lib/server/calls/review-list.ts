// The trainer's call review list, newest first, one keyset page at a time: the calls of the trainees a user may see
// (admins every trainee, trainers their cohorts' trainees), optionally of one cohort, with trainee and cohort names.
// One indexed range per page (calls_created_idx) however many calls the organisation has.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { cohorts, userRoles, users } from '$lib/server/db/schema/users';
import type { SessionUser } from '$lib/server/auth/session';
import { PAGE_SIZE, cursorParam, type Cursor } from '$lib/server/pagination';
import { reviewedCallIds } from './results';

export function callReviewPage(viewer: Pick<SessionUser, 'id' | 'roles'>, opts: { cohortId?: number | null; before?: Cursor | null; size?: number } = {}) {
	const size = opts.size ?? PAGE_SIZE;
	const trainees = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee'));
	const conds: SQL[] = [inArray(calls.userId, trainees)];
	if (!viewer.roles.includes('admin')) {
		if (!viewer.roles.includes('trainer')) return { calls: [], older: null };
		conds.push(inArray(users.cohortId, db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.trainerId, viewer.id))));
	}
	if (opts.cohortId) conds.push(eq(users.cohortId, opts.cohortId));
	if (opts.before) {
		const at = new Date(opts.before.at);
		conds.push(or(lt(calls.createdAt, at), and(eq(calls.createdAt, at), lt(calls.id, opts.before.id)))!);
	}
	const rows = db
		.select({
			id: calls.id,
			userId: calls.userId,
			scenarioSlug: calls.scenarioSlug,
			scenarioTitle: calls.scenarioTitle,
			state: calls.state,
			createdAt: calls.createdAt,
			total: calls.total,
			traineeName: users.name,
			cohortName: cohorts.name
		})
		.from(calls)
		.innerJoin(users, eq(users.id, calls.userId))
		.leftJoin(cohorts, eq(cohorts.id, users.cohortId))
		.where(and(...conds))
		.orderBy(desc(calls.createdAt), desc(calls.id))
		.limit(size + 1)
		.all();
	const page = rows.slice(0, size);
	const reviewed = reviewedCallIds(page.map((c) => c.id));
	const last = page.at(-1);
	return {
		calls: page.map((c) => ({ ...c, reviewed: reviewed.has(c.id) })),
		older: rows.length > size && last ? cursorParam({ at: last.createdAt.getTime(), id: last.id }) : null
	};
}

