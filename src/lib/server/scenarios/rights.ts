// Who may edit which scenario: its owner (the trainer who created it), trainers an admin granted it to, and
// admins. Scenarios from content/ belong to no trainer. Every trainer may still read, dry-run and use them all.
import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { scenarioGrants, scenarios } from '$lib/server/db/schema/scenarios';
import { listTrainers } from '$lib/server/db/queries/users';
import { recordAudit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { getScenarioRow, type ScenarioRow } from './versions';

type Who = Pick<SessionUser, 'id' | 'roles'>;

const isAdmin = (user: Who) => user.roles.includes('admin');

export function canEditScenario(user: Who, row: ScenarioRow): boolean {
	if (isAdmin(user)) return true;
	if (!user.roles.includes('trainer')) return false;
	if (row.createdBy === user.id) return true;
	return !!db
		.select({ s: scenarioGrants.scenarioId })
		.from(scenarioGrants)
		.where(and(eq(scenarioGrants.scenarioId, row.id), eq(scenarioGrants.userId, user.id)))
		.get();
}

/** Slugs of every scenario `user` may edit (two queries for the whole list). */
export function editableScenarioSlugs(user: Who): Set<string> {
	const rows = db.select({ id: scenarios.id, slug: scenarios.slug, createdBy: scenarios.createdBy }).from(scenarios).all();
	if (isAdmin(user)) return new Set(rows.map((r) => r.slug));
	if (!user.roles.includes('trainer')) return new Set();
	const granted = new Set(
		db.select({ id: scenarioGrants.scenarioId }).from(scenarioGrants).where(eq(scenarioGrants.userId, user.id)).all().map((g) => g.id)
	);
	return new Set(rows.filter((r) => r.createdBy === user.id || granted.has(r.id)).map((r) => r.slug));
}

/** Why a trainer without editing rights may not change a scenario (the read-only editor's note, in the reader's language). */
export const notYours = () => m.trscen_read_only_note();

/** Route helper: the scenario if `user` may edit it, else a 404 or 403 (page or API error). */
export function requireEditableScenario(user: Who, slug: string): ScenarioRow {
	const row = getScenarioRow(slug);
	if (!row) error(404, { message: m.srv_no_scenario(), code: 'not_found' });
	if (!canEditScenario(user, row)) error(403, { message: notYours(), code: 'forbidden' });
	return row;
}

export interface ScenarioGrant {
	userId: number;
	name: string;
	email: string;
	createdAt: Date;
}

export function listScenarioGrants(scenarioId: number): ScenarioGrant[] {
	return db
		.select({ userId: scenarioGrants.userId, name: users.name, email: users.email, createdAt: scenarioGrants.createdAt })
		.from(scenarioGrants)
		.innerJoin(users, eq(users.id, scenarioGrants.userId))
		.where(eq(scenarioGrants.scenarioId, scenarioId))
		.orderBy(asc(users.name))
		.all();
}

export type RightsResult = { ok: true } | { ok: false; message: string };

export function grantScenarioEditing(admin: Who, row: ScenarioRow, userId: number, at = new Date()): RightsResult {
	if (!isAdmin(admin)) return { ok: false, message: m.srv_only_admins_grant() };
	const trainer = listTrainers().find((t) => t.id === userId);
	if (!trainer) return { ok: false, message: m.srv_only_trainers_edit() };
	if (row.createdBy === userId) return { ok: false, message: m.srv_scenario_owner_already({ name: trainer.name }) };
	const added = db.insert(scenarioGrants).values({ scenarioId: row.id, userId, grantedBy: admin.id, createdAt: at }).onConflictDoNothing().run();
	if (added.changes) recordAudit({ actorId: admin.id, action: 'scenario.grant', entityType: 'scenario', entityId: row.slug, after: { userId } }, at);
	return { ok: true };
}

export function revokeScenarioEditing(admin: Who, row: ScenarioRow, userId: number, at = new Date()): RightsResult {
	if (!isAdmin(admin)) return { ok: false, message: m.srv_only_admins_revoke() };
	const removed = db.delete(scenarioGrants).where(and(eq(scenarioGrants.scenarioId, row.id), eq(scenarioGrants.userId, userId))).run();
	if (removed.changes) recordAudit({ actorId: admin.id, action: 'scenario.revoke', entityType: 'scenario', entityId: row.slug, before: { userId } }, at);
	return { ok: true };
}

/** Names of the owner (null for content/ scenarios) and of every trainer granted it. */
export function scenarioEditors(row: ScenarioRow): { owner: string | null; grants: ScenarioGrant[] } {
	const owner = row.createdBy ? (db.select({ name: users.name }).from(users).where(eq(users.id, row.createdBy)).get()?.name ?? null) : null;
	return { owner, grants: listScenarioGrants(row.id) };
}
