import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	createCohort,
	createUser,
	listUsers,
	listCohortTrainees,
	visibleTraineeIds,
	canSeeTrainee,
	setCohortMembers,
	searchCohortCandidates,
	addCohortMember,
	removeCohortMember,
	isTrainee,
	cohortCandidatesQuery,
	userConditions
} from './users';
import { recordStatements } from '../record-statements';
import { db } from '..';
import { users } from '../schema/users';
import { sqlite } from '..';
import { seedDemoUsers } from '../../seed/demo-users';
import { DEMO_USERS } from '../../seed/demo-accounts';

describe('demo seed', () => {
	it('creates one admin, two trainers and six trainees in two cohorts, once', async () => {
		expect(await seedDemoUsers()).toBe(true);
		expect(await seedDemoUsers()).toBe(false);
		const users = listUsers();
		expect(users.filter((u) => u.email.endsWith('@callcraft.demo'))).toHaveLength(DEMO_USERS.length);
		expect(listUsers({ role: 'admin' })).toHaveLength(1);
		expect(listUsers({ role: 'trainer' })).toHaveLength(2);
		const trainees = listUsers({ role: 'trainee' });
		expect(trainees).toHaveLength(6);
		expect(new Set(trainees.map((t) => t.cohortName))).toEqual(new Set(['North team', 'South team']));
	});
});

describe('who sees which trainees', () => {
	it('shows trainers only the trainees of the cohorts they lead', async () => {
		const trainer = await createUser({ email: 'tr@v.test', name: 'Tr', password: 'password-123', roles: ['trainer'] });
		const other = await createUser({ email: 'tr2@v.test', name: 'Tr2', password: 'password-123', roles: ['trainer'] });
		const mine = createCohort('Mine', trainer);
		const theirs = createCohort('Theirs', other);
		const a = await createUser({ email: 'a@v.test', name: 'A', password: 'password-123', roles: ['trainee'], cohortId: mine });
		const b = await createUser({ email: 'b@v.test', name: 'B', password: 'password-123', roles: ['trainee'], cohortId: theirs });
		const asTrainer = { id: trainer, roles: ['trainer' as const] };
		expect(visibleTraineeIds(asTrainer)).toContain(a);
		expect(visibleTraineeIds(asTrainer)).not.toContain(b);
		expect(canSeeTrainee(asTrainer, b)).toBe(false);
		expect(canSeeTrainee({ id: 0, roles: ['admin'] }, b)).toBe(true);
		expect(visibleTraineeIds({ id: a, roles: ['trainee'] })).toEqual([a]);
		setCohortMembers(mine, [a, b]);
		expect(canSeeTrainee(asTrainer, b)).toBe(true);
		// a trainer in the cohort is not a trainee of it
		const coTrainer = await createUser({ email: 'co@v.test', name: 'Co', password: 'password-123', roles: ['trainer'], cohortId: mine });
		expect(visibleTraineeIds(asTrainer).sort((x, y) => x - y)).toEqual([a, b].sort((x, y) => x - y));
		expect(visibleTraineeIds(asTrainer)).not.toContain(coTrainer);
		// read through the trainer's cohorts, each member checked by user_roles' key: never a list of every trainee
		const [read] = recordStatements(() => visibleTraineeIds(asTrainer)).statements;
		const plan = (sqlite.prepare(`explain query plan ${read.sql}`).all(...(read.params as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(plan).toMatch(/SEARCH cohorts USING (COVERING )?INDEX cohorts_trainer_idx \(trainer_id=\?\)/);
		expect(plan, plan).toMatch(/SEARCH user_roles (EXISTS )?USING (COVERING )?INDEX sqlite_autoindex_user_roles_1 \(user_id=\? AND role=\?\)/);
		expect(plan).not.toMatch(/LIST SUBQUERY|SCAN (users|user_roles)/);
		// The trainee list's rows: listUsers' trainees of those cohorts, in its order, with the fields the list shows.
		const deactivated = await createUser({ email: 'aa@v.test', name: 'Aa', password: 'password-123', roles: ['trainee'], cohortId: theirs });
		db.update(users).set({ active: false }).where(eq(users.id, deactivated)).run();
		const cohortIds = [mine, theirs];
		const listed = listCohortTrainees(cohortIds);
		expect(listed).toEqual(listUsers({ role: 'trainee', cohortIds }).map(({ id, email, name, active, cohortId }) => ({ id, email, name, active, cohortId })));
		expect(listed.map((t) => t.name)).toEqual(['A', 'Aa', 'B']);
		expect(listed.find((t) => t.id === deactivated)?.active).toBe(false);
		expect(listCohortTrainees([])).toEqual([]);
	});

	it('finds users by part of the name or e-mail, treating % and _ literally', async () => {
		await createUser({ email: 'percent@v.test', name: 'Per Cent', password: 'password-123', roles: ['trainee'] });
		expect(listUsers({ search: 'cent' }).map((u) => u.email)).toContain('percent@v.test');
		expect(listUsers({ search: '%' })).toHaveLength(0);
	});
});

describe('cohort page: trainee search and one-at-a-time membership', () => {
	it('offers trainees outside the cohort matching name or e-mail, a keyset page at a time, and adds/removes one', async () => {
		const here = createCohort('Search here', null);
		const elsewhere = createCohort('Search elsewhere', null);
		const ids: number[] = [];
		for (let i = 0; i < 7; i++) {
			ids.push(await createUser({ email: `zz-cand${i}@search.test`, name: `Zed Candidate ${i}`, password: 'password-123', roles: ['trainee'], cohortId: i === 6 ? here : i === 5 ? elsewhere : null }));
		}
		await createUser({ email: 'zz-trainer@search.test', name: 'Zed Trainer', password: 'password-123', roles: ['trainer'] });

		// Three pages of two, by name; the member (6) and the trainer are never offered; the one in another cohort is.
		const p1 = searchCohortCandidates(here, { search: 'zed', limit: 2 });
		expect(p1.rows.map((r) => r.id)).toEqual([ids[0], ids[1]]);
		expect(p1.next).toBe(ids[1]);
		const p2 = searchCohortCandidates(here, { search: 'zed', limit: 2, after: p1.next });
		expect(p2.rows.map((r) => r.id)).toEqual([ids[2], ids[3]]);
		const p3 = searchCohortCandidates(here, { search: 'zed', limit: 2, after: p2.next });
		expect(p3.rows.map((r) => r.id)).toEqual([ids[4], ids[5]]);
		expect(p3.rows[1].cohortName).toBe('Search elsewhere');
		expect(p3.next).toBeNull();
		// By e-mail, and LIKE wildcards in the search are literal characters.
		expect(searchCohortCandidates(here, { search: 'cand3@SEARCH' }).rows.map((r) => r.id)).toEqual([ids[3]]);
		expect(searchCohortCandidates(here, { search: 'zz%cand' }).rows).toEqual([]);

		expect(isTrainee(ids[0])).toBe(true);
		addCohortMember(here, ids[0]);
		expect(listUsers({ cohortId: here }).map((u) => u.id).sort()).toEqual([ids[0], ids[6]].sort());
		expect(searchCohortCandidates(here, { search: 'zed' }).rows.map((r) => r.id)).not.toContain(ids[0]);
		expect(removeCohortMember(here, ids[0])).toBe(true);
		expect(removeCohortMember(here, ids[0])).toBe(false); // not a member any more
		expect(removeCohortMember(here, ids[5])).toBe(false); // in another cohort: untouched
		expect(listUsers({ cohortId: elsewhere }).map((u) => u.id)).toEqual([ids[5]]);
	});

	it('reads the search page as one range of users_name_idx, without sorting the organisation', () => {
		const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
		const q = cohortCandidatesQuery(1, { search: 'a', after: 5, limit: 20 }).toSQL();
		const search = (sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(search).toMatch(/SEARCH users USING INDEX users_name_idx \(\(name,rowid\)>\(\?,\?\)\)|SEARCH users USING INDEX users_name_idx \(name>\?\)/);
		expect(search).not.toMatch(/TEMP B-TREE/);
		const members = plan('select id from users where cohort_id = 1 order by name, id limit 50 offset 0');
		expect(members).toMatch(/users_cohort_idx|users_name_idx/);
		// A cohort's trainees: the members by users_cohort_idx, the role probed per member (no list of every trainee).
		const q2 = db.select({ id: users.id }).from(users).where(userConditions({ cohortId: 1, role: 'trainee' })).toSQL();
		const byCohort = (sqlite.prepare(`explain query plan ${q2.sql}`).all(...(q2.params as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(byCohort).toMatch(/SEARCH users USING (COVERING )?INDEX users_cohort_idx \(cohort_id=\?\)/);
		expect(byCohort).toMatch(/SEARCH user_roles (EXISTS )?USING (COVERING )?INDEX sqlite_autoindex_user_roles_1 \(user_id=\? AND role=\?\)/);
		expect(byCohort).not.toMatch(/LIST SUBQUERY/);
	});
});
