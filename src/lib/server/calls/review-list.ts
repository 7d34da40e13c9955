// The trainer's call review list, newest first, one keyset page at a time: the calls of the trainees a user may see
// (admins every trainee, trainers their cohorts' trainees), optionally of one cohort and only those waiting for review,
// with trainee and cohort names. One indexed range per page (calls_created_idx, or calls_to_review_idx for the calls
// waiting) however many calls the organisation has.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { cohorts, userRoles, users } from '$lib/server/db/schema/users';
import type { SessionUser } from '$lib/server/auth/session';
import { PAGE_SIZE, cursorParam, type Cursor } from '$lib/server/pagination';
import { reviewedCallIds } from './results';

// A finished call waits for review until a trainer comments on it or re-scores it (trainee_call_stats.to_review counts
// the same calls). `overridden` and `comments` are written as literals, the very terms of calls_to_review_idx's WHERE,
// so SQLite may use that partial index; the unary + keeps it off calls_state_idx (every finished call, then a sort).
const WAITING_FOR_REVIEW = sql.raw(`"calls"."overridden" = 0 AND "calls"."comments" = 0 AND +"calls"."state" = 'completed'`);

export function callReviewPage(
	viewer: Pick<SessionUser, 'id' | 'roles'>,
	opts: { cohortId?: number | null; before?: Cursor | null; size?: number; waiting?: boolean } = {}
) {
	const size = opts.size ?? PAGE_SIZE;
	const trainees = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee'));
	const conds: SQL[] = [];
	if (!viewer.roles.includes('admin') && !viewer.roles.includes('trainer')) return { calls: [], older: null };
	if (!viewer.roles.includes('admin') || opts.cohortId) {
		// A trainer's cohorts (or one cohort): their trainees' calls by the per-user index, sorted (bounded by cohort size).
		const led = opts.cohortId
			? viewer.roles.includes('admin')
				? eq(users.cohortId, opts.cohortId)
				: and(eq(users.cohortId, opts.cohortId), inArray(users.cohortId, db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.trainerId, viewer.id))))
			: inArray(users.cohortId, db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.trainerId, viewer.id)));
		conds.push(inArray(calls.userId, db.select({ id: users.id }).from(users).where(led)), inArray(calls.userId, trainees));
	} else {
		// Every trainee: walk calls_created_idx newest first (the unary + keeps SQLite off the per-user index and a sort
		// of all the organisation's calls).
		conds.push(inArray(sql`+${calls.userId}`, trainees));
	}
	if (opts.waiting) conds.push(WAITING_FOR_REVIEW);
	if (opts.before) conds.push(sql`(${calls.createdAt}, ${calls.id}) < (${opts.before.at}, ${opts.before.id})`);
	const rows = db
		.select({
			id: calls.id,
			userId: calls.userId,
			scenarioSlug: calls.scenarioSlug,
			scenarioTitle: calls.scenarioTitle,
			state: calls.state,
			createdAt: calls.createdAt,
			total: calls.total
		})
		.from(calls)
		.where(and(...conds))
		.orderBy(desc(calls.createdAt), desc(calls.id))
		.limit(size + 1)
		.all();
	const page = rows.slice(0, size);
	const ids = [...new Set(page.map((c) => c.userId))];
	const people = new Map(
		(ids.length
			? db.select({ id: users.id, name: users.name, cohortName: cohorts.name }).from(users).leftJoin(cohorts, eq(cohorts.id, users.cohortId)).where(inArray(users.id, ids)).all()
			: []
		).map((u) => [u.id, u])
	);
	const reviewed = reviewedCallIds(page.map((c) => c.id));
	const last = page.at(-1);
	return {
		calls: page.map((c) => ({ ...c, traineeName: people.get(c.userId)?.name ?? '', cohortName: people.get(c.userId)?.cohortName ?? null, reviewed: reviewed.has(c.id) })),
		older: rows.length > size && last ? cursorParam({ at: last.createdAt.getTime(), id: last.id }) : null
	};
}
