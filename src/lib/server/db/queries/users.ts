// Users, roles and cohorts: the queries admin pages, guards and other features share.
import { and, asc, count, eq, inArray, like, or, sql } from 'drizzle-orm';
import { db } from '..';
import { lazy } from '../lazy';
import { cohorts, userRoles, users } from '../schema/users';
import type { Role } from '../../../domain/roles';
import type { Locale } from '../../../i18n/locales';
import { hashPassword } from '../../auth/password';
import { invalidateUserSessions, type SessionUser } from '../../auth/session';

export interface UserRow {
	id: number;
	email: string;
	name: string;
	active: boolean;
	mustChangePassword: boolean;
	cohortId: number | null;
	cohortName: string | null;
	roles: Role[];
	createdAt: Date;
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

function rolesByUser(ids: number[]): Map<number, Role[]> {
	const map = new Map<number, Role[]>();
	if (!ids.length) return map;
	for (const r of db.select().from(userRoles).where(inArray(userRoles.userId, ids)).all()) {
		map.set(r.userId, [...(map.get(r.userId) ?? []), r.role]);
	}
	return map;
}

const userColumns = {
	id: users.id,
	email: users.email,
	name: users.name,
	active: users.active,
	mustChangePassword: users.mustChangePassword,
	cohortId: users.cohortId,
	cohortName: cohorts.name,
	createdAt: users.createdAt
};

export interface UserFilter {
	search?: string;
	role?: Role;
	cohortId?: number;
	/** Several cohorts (a page of cohorts on the trainee list). */
	cohortIds?: number[];
	active?: boolean;
}

/** The WHERE of listUsers/countUsers (exported for its EXPLAIN test). */
export function userConditions(opts: UserFilter) {
	const conds = [];
	if (opts.search) {
		const q = `%${opts.search.replace(/[%_]/g, (c) => '\\' + c)}%`;
		conds.push(or(sql`${users.email} like ${q} escape '\\'`, sql`${users.name} like ${q} escape '\\'`));
	}
	if (opts.cohortId) conds.push(eq(users.cohortId, opts.cohortId));
	if (opts.cohortIds) conds.push(inArray(users.cohortId, opts.cohortIds));
	if (opts.active !== undefined) conds.push(eq(users.active, opts.active));
	if (opts.role && (opts.cohortId || opts.cohortIds)) {
		// A cohort's members: one probe of user_roles' primary key each (an `in (…)` list would first read the role rows
		// of the whole organisation: 2.4 → 0.2 ms for a cohort of 50 among 2,000 trainees).
		conds.push(sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${opts.role})`);
	} else if (opts.role) {
		conds.push(inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, opts.role))));
	}
	return conds.length ? and(...conds) : undefined;
}

export function listUsers(opts: UserFilter = {}, page?: { limit: number; offset: number }): UserRow[] {
	let q = db
		.select(userColumns)
		.from(users)
		.leftJoin(cohorts, eq(users.cohortId, cohorts.id))
		.where(userConditions(opts))
		.orderBy(asc(users.name), asc(users.id))
		.$dynamic();
	if (page) q = q.limit(page.limit).offset(page.offset);
	const rows = q.all();
	const roles = rolesByUser(rows.map((r) => r.id));
	return rows.map((r) => ({ ...r, roles: roles.get(r.id) ?? [] }));
}

/**
 * Trainees of some cohorts as the trainee list shows them (name, e-mail, active, cohort): the same filter and order as
 * `listUsers`, without the columns and role lookup the list does not show (a page of ten cohorts is 500 trainees).
 */
export function listCohortTrainees(cohortIds: number[]): { id: number; email: string; name: string; active: boolean; cohortId: number | null }[] {
	if (!cohortIds.length) return [];
	return db
		.select({ id: users.id, email: users.email, name: users.name, active: users.active, cohortId: users.cohortId })
		.from(users)
		.where(userConditions({ role: 'trainee', cohortIds }))
		.orderBy(asc(users.name), asc(users.id))
		.all();
}

/** Every trainee as the progress CSV lists them (name, e-mail, cohort, active), in `listUsers` order, without its role lookup. */
export function listTraineesForExport(): { id: number; name: string; email: string; cohortName: string | null; active: boolean }[] {
	return traineesForExport().all();
}
// prepared once (an export reads every trainee; drizzle built and compiled the statement on every download)
const traineesForExport = lazy(() =>
	db
		.select({ id: users.id, name: users.name, email: users.email, cohortName: cohorts.name, active: users.active })
		.from(users)
		.leftJoin(cohorts, eq(users.cohortId, cohorts.id))
		.where(userConditions({ role: 'trainee' }))
		.orderBy(asc(users.name), asc(users.id))
		.prepare()
);

/** How many users match (for pagination). */
export function countUsers(opts: UserFilter = {}): number {
	return db.select({ n: count() }).from(users).where(userConditions(opts)).get()?.n ?? 0;
}

/** User counts for the admin home page (one query). */
export function userCounts(): { users: number; inactive: number } {
	const row = db.select({ users: count(), inactive: sql<number>`coalesce(sum(${users.active} = 0), 0)` }).from(users).get();
	return { users: row?.users ?? 0, inactive: Number(row?.inactive ?? 0) };
}

/** Trainers who could be granted editing rights on a course or scenario (admins already edit everything). */
export function listTrainers(): { id: number; name: string; email: string }[] {
	const trainerIds = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainer')).all().map((r) => r.id);
	if (!trainerIds.length) return [];
	return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, trainerIds)).orderBy(asc(users.name)).all();
}

export function getUser(id: number): UserRow | null {
	const row = db.select(userColumns).from(users).leftJoin(cohorts, eq(users.cohortId, cohorts.id)).where(eq(users.id, id)).get();
	return row ? { ...row, roles: rolesByUser([id]).get(id) ?? [] } : null;
}

export function findUserByEmail(email: string) {
	return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get() ?? null;
}

export async function createUser(input: {
	email: string;
	name: string;
	password: string;
	roles: Role[];
	cohortId?: number | null;
	mustChangePassword?: boolean;
}): Promise<number> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction((tx) => {
		const row = tx
			.insert(users)
			.values({
				email: normaliseEmail(input.email),
				name: input.name.trim(),
				passwordHash,
				cohortId: input.cohortId ?? null,
				mustChangePassword: input.mustChangePassword ?? false,
				createdAt: new Date()
			})
			.returning({ id: users.id })
			.get();
		for (const role of new Set(input.roles)) tx.insert(userRoles).values({ userId: row.id, role }).run();
		return row.id;
	});
}

export function updateUser(id: number, input: { name: string; roles: Role[]; cohortId: number | null }): void {
	db.transaction((tx) => {
		tx.update(users).set({ name: input.name.trim(), cohortId: input.cohortId }).where(eq(users.id, id)).run();
		tx.delete(userRoles).where(eq(userRoles.userId, id)).run();
		for (const role of new Set(input.roles)) tx.insert(userRoles).values({ userId: id, role }).run();
	});
}

export function setUserActive(id: number, active: boolean): void {
	db.update(users).set({ active }).where(eq(users.id, id)).run();
	if (!active) invalidateUserSessions(id);
}

export async function setPassword(id: number, password: string, mustChangePassword: boolean): Promise<void> {
	const passwordHash = await hashPassword(password);
	db.update(users).set({ passwordHash, mustChangePassword }).where(eq(users.id, id)).run();
}

export function emailTaken(email: string): boolean {
	return findUserByEmail(email) !== null;
}

// Cohorts

export interface CohortRow {
	id: number;
	name: string;
	trainerId: number | null;
	trainerName: string | null;
	traineeCount: number;
}

const cohortColumns = {
	id: cohorts.id,
	name: cohorts.name,
	trainerId: cohorts.trainerId,
	trainerName: users.name,
	traineeCount: sql<number>`(select count(*) from users u where u.cohort_id = ${cohorts.id})`
};
// A trainer's page of cohorts (their home page, on every view): prepared once.
const trainerCohortPage = lazy(() =>
	db
		.select(cohortColumns)
		.from(cohorts)
		.leftJoin(users, eq(cohorts.trainerId, users.id))
		.where(eq(cohorts.trainerId, sql.placeholder('trainerId')))
		.orderBy(asc(cohorts.name))
		.limit(sql.placeholder('limit'))
		.offset(sql.placeholder('offset'))
		.prepare()
);
const trainerCohortCount = lazy(() => db.select({ n: count() }).from(cohorts).where(eq(cohorts.trainerId, sql.placeholder('trainerId'))).prepare());

export function listCohorts(opts: { trainerId?: number; id?: number } = {}, page?: { limit: number; offset: number }): CohortRow[] {
	if (opts.trainerId && !opts.id && page) return trainerCohortPage().all({ trainerId: opts.trainerId, ...page });
	let q = db
		.select(cohortColumns)
		.from(cohorts)
		.leftJoin(users, eq(cohorts.trainerId, users.id))
		.where(and(opts.trainerId ? eq(cohorts.trainerId, opts.trainerId) : undefined, opts.id ? eq(cohorts.id, opts.id) : undefined))
		.orderBy(asc(cohorts.name))
		.$dynamic();
	// A page walks the name index (cohorts' unique name, or cohorts_trainer_idx for one trainer's) and counts only its
	// own cohorts' members (users_cohort_idx).
	if (page) q = q.limit(page.limit).offset(page.offset);
	return q.all();
}

/** How many cohorts (for pagination), all or one trainer's. */
export function countCohorts(opts: { trainerId?: number } = {}): number {
	if (opts.trainerId) return trainerCohortCount().get({ trainerId: opts.trainerId })?.n ?? 0;
	return db.select({ n: count() }).from(cohorts).get()?.n ?? 0;
}

/** Cohort names for a picker, all or one trainer's (id and name only: no member counts). */
export function cohortOptions(opts: { trainerId?: number } = {}): { id: number; name: string }[] {
	return db
		.select({ id: cohorts.id, name: cohorts.name })
		.from(cohorts)
		.where(opts.trainerId ? eq(cohorts.trainerId, opts.trainerId) : undefined)
		.orderBy(asc(cohorts.name))
		.all();
}

export function getCohort(id: number): CohortRow | null {
	return listCohorts({ id })[0] ?? null;
}

export function cohortNameTaken(name: string, exceptId?: number): boolean {
	const row = db.select({ id: cohorts.id }).from(cohorts).where(like(cohorts.name, name.trim())).get();
	return !!row && row.id !== exceptId;
}

export function createCohort(name: string, trainerId: number | null): number {
	return db.insert(cohorts).values({ name: name.trim(), trainerId, createdAt: new Date() }).returning({ id: cohorts.id }).get().id;
}

export function updateCohort(id: number, input: { name: string; trainerId: number | null }): void {
	db.update(cohorts).set({ name: input.name.trim(), trainerId: input.trainerId }).where(eq(cohorts.id, id)).run();
}

export function setCohortMembers(cohortId: number, traineeIds: number[]): void {
	db.transaction((tx) => {
		tx.update(users).set({ cohortId: null }).where(eq(users.cohortId, cohortId)).run();
		if (traineeIds.length) tx.update(users).set({ cohortId }).where(inArray(users.id, traineeIds)).run();
	});
}

/** One trainee offered for a cohort on the admin's cohort page. */
export interface CohortCandidate {
	id: number;
	name: string;
	email: string;
	active: boolean;
	cohortId: number | null;
	cohortName: string | null;
}

export const CANDIDATE_PAGE = 20;

/**
 * Trainees not in a cohort, matching a search over name and e-mail, one keyset page by (name, id) after the trainee
 * `after` (an id). One index range (users_name_idx) however large the organisation; `next` is the id to continue after.
 */
export function searchCohortCandidates(
	cohortId: number,
	opts: { search?: string; after?: number | null; limit?: number } = {}
): { rows: CohortCandidate[]; next: number | null } {
	const limit = opts.limit ?? CANDIDATE_PAGE;
	const rows = cohortCandidatesQuery(cohortId, { ...opts, limit }).all();
	const more = rows.length > limit;
	const page = more ? rows.slice(0, limit) : rows;
	return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** The query behind searchCohortCandidates (one row more than a page); exported for its EXPLAIN test. */
export function cohortCandidatesQuery(cohortId: number, opts: { search?: string; after?: number | null; limit: number }) {
	const conds = [
		// `+id`: the role is checked per row, so SQLite walks users_name_idx in order instead of sorting every trainee.
		sql`+${users.id} in (select ${userRoles.userId} from ${userRoles} where ${userRoles.role} = 'trainee')`,
		sql`(${users.cohortId} is null or ${users.cohortId} <> ${cohortId})`
	];
	const search = userConditions({ search: opts.search });
	if (search) conds.push(search);
	if (opts.after) conds.push(sql`(${users.name}, ${users.id}) > (select name, id from users where id = ${opts.after})`);
	return db
		.select({ id: users.id, name: users.name, email: users.email, active: users.active, cohortId: users.cohortId, cohortName: cohorts.name })
		.from(users)
		.leftJoin(cohorts, eq(users.cohortId, cohorts.id))
		.where(and(...conds))
		.orderBy(asc(users.name), asc(users.id))
		.limit(opts.limit + 1);
}

/** Whether an account holds the trainee role (cohort membership is for trainees only). */
export function isTrainee(userId: number): boolean {
	return !!db.select({ id: userRoles.userId }).from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'trainee'))).get();
}

/** Moves one trainee into a cohort (out of any other). */
export function addCohortMember(cohortId: number, userId: number): void {
	db.update(users).set({ cohortId }).where(eq(users.id, userId)).run();
}

/** Takes one member out of a cohort; false when the user was not in it. */
export function removeCohortMember(cohortId: number, userId: number): boolean {
	return db.update(users).set({ cohortId: null }).where(and(eq(users.id, userId), eq(users.cohortId, cohortId))).run().changes > 0;
}

/**
 * Trainee ids a user may see: admins all trainees, trainers those in the cohorts they lead, trainees themselves.
 * Every trainer-facing query about trainees filters through this.
 */
export function visibleTraineeIds(user: Pick<SessionUser, 'id' | 'roles'>): number[] {
	const trainees = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee'));
	if (user.roles.includes('admin')) {
		return db.select({ id: users.id }).from(users).where(inArray(users.id, trainees)).all().map((r) => r.id);
	}
	if (user.roles.includes('trainer')) return traineesOfTrainer().all({ trainerId: user.id }).map((r) => r.id);
	return user.roles.includes('trainee') ? [user.id] : [];
}
// A trainer's trainees: their cohorts by cohorts_trainer_idx, the members by users_cohort_idx, each checked by one probe
// of user_roles' key (an `in (…)` list of every trainee would first read the whole organisation's role rows).
const traineesOfTrainer = lazy(() =>
	db
		.select({ id: users.id })
		.from(users)
		.innerJoin(cohorts, eq(users.cohortId, cohorts.id))
		.where(
			and(
				eq(cohorts.trainerId, sql.placeholder('trainerId')),
				sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'trainee')`
			)
		)
		.prepare()
);

/** visibleTraineeIds(user).includes(traineeId), as one indexed lookup instead of listing every visible trainee. */
export function canSeeTrainee(user: Pick<SessionUser, 'id' | 'roles'>, traineeId: number): boolean {
	const isTraineeRow = and(eq(userRoles.userId, traineeId), eq(userRoles.role, 'trainee'));
	if (user.roles.includes('admin')) return !!db.select({ id: userRoles.userId }).from(userRoles).where(isTraineeRow).get();
	if (user.roles.includes('trainer')) {
		return !!db
			.select({ id: users.id })
			.from(users)
			.innerJoin(cohorts, eq(users.cohortId, cohorts.id))
			.innerJoin(userRoles, eq(userRoles.userId, users.id))
			.where(and(eq(users.id, traineeId), eq(cohorts.trainerId, user.id), isTraineeRow))
			.get();
	}
	return user.roles.includes('trainee') && traineeId === user.id;
}

/** The interface language saved on an account (the header switcher). */
export function setUserLocale(id: number, locale: Locale): void {
	db.update(users).set({ locale }).where(eq(users.id, id)).run();
}
