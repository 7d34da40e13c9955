// The trainer's call review list, newest first, one keyset page at a time: the calls of the trainees a user may see
// (admins every trainee, trainers their cohorts' trainees), optionally of one cohort and only those waiting for review,
// with trainee and cohort names. An admin's page is one indexed range (calls_created_idx, or calls_to_review_idx for
// the calls waiting) however many calls the organisation has; a trainer's (or one cohort's) merges each trainee's
// newest calls, a few rows per trainee however many calls they have made (newestCallsOf).
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { calls } from '$lib/server/db/schema/calls';
import { cohorts, userRoles, users } from '$lib/server/db/schema/users';
import type { SessionUser } from '$lib/server/auth/session';
import { PAGE_SIZE, cursorParam, type Cursor } from '$lib/server/pagination';
import { reviewedCallIds } from './results';

// A finished call waits for review until a trainer comments on it or re-scores it (trainee_call_stats.to_review counts
// the same calls). Written as literals, the very terms of the partial indexes' WHERE (calls_to_review_idx,
// calls_user_to_review_idx), so SQLite uses them. `overridden` is written only when a call is scored, in the
// transaction that completes it (finishAfterCallWork), so 0 means finished; the state is not tested again, as it
// lies behind the scenario's JSON in the row.
const WAITING_FOR_REVIEW = sql.raw(`"calls"."overridden" = 0 AND "calls"."comments" = 0`);

export function callReviewPage(
	viewer: Pick<SessionUser, 'id' | 'roles'>,
	opts: { cohortId?: number | null; before?: Cursor | null; size?: number; waiting?: boolean } = {}
) {
	const size = opts.size ?? PAGE_SIZE;
	const trainees = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee'));
	if (!viewer.roles.includes('admin') && !viewer.roles.includes('trainer')) return { calls: [], older: null };
	// Which calls, by the index and the row's first column only; then those calls' fields by key. The fields lie behind
	// the scenario snapshot's JSON in the row, so reading them for every candidate before the sort cost a trainer with
	// two cohorts 25 ms (5,000 calls) for a page of 50.
	let keys: { id: string; createdAt: Date }[];
	if (!viewer.roles.includes('admin') || opts.cohortId) {
		// A trainer's cohorts (or one cohort): the newest calls of each trainee by the per-user index, merged.
		const led = opts.cohortId
			? viewer.roles.includes('admin')
				? eq(users.cohortId, opts.cohortId)
				: and(eq(users.cohortId, opts.cohortId), inArray(users.cohortId, db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.trainerId, viewer.id))))
			: inArray(users.cohortId, db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.trainerId, viewer.id)));
		const members = db
			.select({ id: users.id })
			.from(users)
			.where(and(led, inArray(users.id, trainees)))
			.all()
			.map((u) => u.id);
		keys = newestCallsOf(members, { before: opts.before ?? null, n: size + 1, waiting: !!opts.waiting });
	} else {
		// Every trainee: walk calls_created_idx newest first (the unary + keeps SQLite off the per-user index and a sort
		// of all the organisation's calls).
		const conds: SQL[] = [inArray(sql`+${calls.userId}`, trainees)];
		if (opts.waiting) conds.push(WAITING_FOR_REVIEW);
		if (opts.before) conds.push(sql`(${calls.createdAt}, ${calls.id}) < (${opts.before.at}, ${opts.before.id})`);
		keys = db
			.select({ id: calls.id, createdAt: calls.createdAt })
			.from(calls)
			.where(and(...conds))
			.orderBy(desc(calls.createdAt), desc(calls.id))
			.limit(size + 1)
			.all();
	}
	const fields = new Map(
		(keys.length
			? db
					.select({ id: calls.id, userId: calls.userId, scenarioSlug: calls.scenarioSlug, scenarioTitle: calls.scenarioTitle, state: calls.state, total: calls.total })
					.from(calls)
					.where(inArray(calls.id, keys.slice(0, size).map((k) => k.id)))
					.all()
			: []
		).map((f) => [f.id, f])
	);
	const rows = keys.map((k) => ({ ...fields.get(k.id)!, createdAt: k.createdAt }));
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

// One trainee's calls (or those waiting for review) newest first from a keyset position: a range of calls_user_idx (or
// of the partial calls_user_to_review_idx, whose WHERE the literal terms repeat), `limit` rows.
const CALLS_OF_TRAINEE = (waiting: boolean) =>
	`select id, created_at from calls where user_id = ? ${waiting ? 'and overridden = 0 and comments = 0' : ''}
	   and (created_at, id) < (?, ?) order by created_at desc, id desc limit ?`;
const callsOfTrainee = lazy(() => sqlite.prepare<[number, number, string, number], [string, number]>(CALLS_OF_TRAINEE(false)).raw());
const waitingCallsOfTrainee = lazy(() => sqlite.prepare<[number, number, string, number], [string, number]>(CALLS_OF_TRAINEE(true)).raw());

/** Newest first, ties on the same moment by id (the list's order). */
const newer = (a: [string, number], b: [string, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]);

/**
 * The newest `n` calls of these trainees (before `before`), merged from each trainee's own newest calls: a few rows
 * per trainee, read again (twice as many each time) only for a trainee whose calls fill the page. Sorting every call of
 * the cohorts instead cost what the cohorts' whole history costs: 1.5 ms with 50 calls a trainee, 82 ms with 400.
 */
export function newestCallsOf(traineeIds: readonly number[], opts: { before: Cursor | null; n: number; waiting: boolean }): { id: string; createdAt: Date }[] {
	const read = opts.waiting ? waitingCallsOfTrainee() : callsOfTrainee();
	const FIRST = 4;
	const from = opts.before ?? { at: Number.MAX_SAFE_INTEGER, id: '' };
	const heads = traineeIds
		.map((user) => ({ user, rows: read.all(user, from.at, from.id, FIRST), i: 0, chunk: FIRST }))
		.filter((h) => h.rows.length > 0);
	const out: { id: string; createdAt: Date }[] = [];
	while (out.length < opts.n && heads.length > 0) {
		let top = 0;
		for (let h = 1; h < heads.length; h++) if (newer(heads[h].rows[heads[h].i], heads[top].rows[heads[top].i])) top = h;
		const head = heads[top];
		const [id, at] = head.rows[head.i++];
		out.push({ id, createdAt: new Date(at) });
		if (head.i < head.rows.length) continue;
		// This trainee's rows are used up: the next ones after the last, if a full chunk came (else there are none).
		if (head.rows.length === head.chunk) {
			head.chunk *= 2;
			head.rows = read.all(head.user, at, id, head.chunk);
			head.i = 0;
		}
		if (head.i >= head.rows.length) heads.splice(top, 1);
	}
	return out;
}

// A trainer's: one call per trainee of their cohorts (each the newest of that trainee's waiting calls: the first entry
// of calls_user_to_review_idx for them), then the newest of those, in one statement (newestCallsOf merges pages of
// several rows per trainee; one call needs only the first of each).
const nextWaitingOfTrainer = lazy(() =>
	sqlite.prepare<[{ except: string; trainer: number }], { id: string }>(
		`select id from calls where id in (
		   select (select c.id from calls c where c.user_id = u.id and c.overridden = 0 and c.comments = 0 and c.id <> @except
		           order by c.created_at desc limit 1)
		   from users u where u.cohort_id in (select id from cohorts where trainer_id = @trainer)
		     and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'trainee'))
		 order by created_at desc, id desc limit 1`
	)
);

/**
 * The newest call waiting for review, other than `exceptCallId`, among the calls this viewer reviews (what the list's
 * "waiting" filter shows first, but for ties on the same moment within one trainee's calls): the review page's "next"
 * link.
 */
export function nextCallWaiting(viewer: Pick<SessionUser, 'id' | 'roles'>, exceptCallId: string): string | null {
	// An admin's: the first two of the list's own waiting page (one short range of calls_to_review_idx).
	if (viewer.roles.includes('admin')) return callReviewPage(viewer, { waiting: true, size: 2 }).calls.find((c) => c.id !== exceptCallId)?.id ?? null;
	if (viewer.roles.includes('trainer')) return nextWaitingOfTrainer().get({ except: exceptCallId, trainer: viewer.id })?.id ?? null;
	return null;
}
