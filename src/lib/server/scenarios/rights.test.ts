// Scenario editing rights against a real (temporary) SQLite database: the rules, grants, the demo seed,
// and the editor's form actions, which answer 403 to a trainer without the right.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { users, userRoles } from '$lib/server/db/schema/users';
import { auditLog } from '$lib/server/db/schema/audit';
import type { SessionUser } from '$lib/server/auth/session';
import type { Role } from '$lib/domain/roles';
import { actions } from '../../../routes/(trainer)/trainer/scenarios/[slug]/+page.server';
import { createUser } from '$lib/server/db/queries/users';
import { inLocale } from '$lib/server/in-locale';
import { starterScenarioYaml } from './starter';
import { seedScenarioGrants } from './demo-seed';
import { createScenario, getScenarioRow, importContentScenarios, listScenarios, listVersions } from './versions';
import { canEditScenario, editableScenarioSlugs, grantScenarioEditing, listScenarioGrants, revokeScenarioEditing, scenarioEditors } from './rights';

let n = 0;
function makeUser(...roles: Role[]): SessionUser {
	n++;
	const row = db
		.insert(users)
		.values({ email: `r${n}@rights.test`, name: `User ${n}`, passwordHash: 'x', createdAt: new Date() })
		.returning()
		.get();
	for (const role of roles) db.insert(userRoles).values({ userId: row.id, role }).run();
	return { id: row.id, email: row.email, name: row.name, roles, mustChangePassword: false, cohortId: null };
}

function newScenario(owner: SessionUser, slug: string) {
	const result = createScenario(slug, `Scenario ${slug}`, owner, starterScenarioYaml(slug, `Scenario ${slug}`, '2026-01-01'));
	if (!result.ok) throw new Error(result.message);
	return result.row;
}

let owner: SessionUser;
let other: SessionUser;
let admin: SessionUser;
let trainee: SessionUser;

beforeAll(() => {
	importContentScenarios();
	owner = makeUser('trainer');
	other = makeUser('trainer');
	admin = makeUser('admin');
	trainee = makeUser('trainee');
});

describe('who may edit a scenario', () => {
	it('lets the trainer who created it edit it, not another trainer; admins edit every scenario', () => {
		const row = newScenario(owner, 'rights-own');
		expect(row.createdBy).toBe(owner.id);
		expect(canEditScenario(owner, row)).toBe(true);
		expect(canEditScenario(other, row)).toBe(false);
		expect(canEditScenario(admin, row)).toBe(true);
		expect(canEditScenario(trainee, row)).toBe(false);
	});

	it('gives scenarios from content/ no owner: only admins and granted trainers edit them', () => {
		const row = getScenarioRow('sales-enquiry')!;
		expect(row.createdBy).toBeNull();
		expect(scenarioEditors(row)).toEqual({ owner: null, grants: [] });
		expect(canEditScenario(owner, row)).toBe(false);
		expect(canEditScenario(admin, row)).toBe(true);
		expect(grantScenarioEditing(admin, row, other.id)).toEqual({ ok: true });
		expect(canEditScenario(other, row)).toBe(true);
		expect(canEditScenario(owner, row)).toBe(false);
	});

	it('stops a granted trainer editing once the grant is revoked, and logs both', () => {
		const row = getScenarioRow('appointment-booking')!;
		expect(grantScenarioEditing(admin, row, owner.id)).toEqual({ ok: true });
		expect(listScenarioGrants(row.id).map((g) => g.userId)).toEqual([owner.id]);
		expect(canEditScenario(owner, row)).toBe(true);
		expect(revokeScenarioEditing(admin, row, owner.id)).toEqual({ ok: true });
		expect(canEditScenario(owner, row)).toBe(false);
		const logged = db.select().from(auditLog).where(eq(auditLog.entityId, 'appointment-booking')).all();
		expect(logged.map((a) => [a.action, a.actorId])).toEqual([
			['scenario.grant', admin.id],
			['scenario.revoke', admin.id]
		]);
	});

	it('lets only admins grant, and only to trainers other than the owner', () => {
		const row = newScenario(owner, 'rights-grant-rules');
		expect(grantScenarioEditing(owner, row, other.id)).toEqual({ ok: false, message: 'Only administrators grant editing rights.' });
		expect(revokeScenarioEditing(other, row, other.id)).toEqual({ ok: false, message: 'Only administrators remove editing rights.' });
		expect(grantScenarioEditing(admin, row, trainee.id)).toEqual({ ok: false, message: 'Only trainers can be given editing rights.' });
		expect(grantScenarioEditing(admin, row, owner.id)).toEqual({ ok: false, message: `${owner.name} owns this scenario and edits it already.` });
		expect(listScenarioGrants(row.id)).toEqual([]);
		// Granting twice keeps one grant.
		grantScenarioEditing(admin, row, other.id);
		grantScenarioEditing(admin, row, other.id);
		expect(scenarioEditors(row)).toMatchObject({ owner: owner.name, grants: [{ userId: other.id, name: other.name }] });
	});

	it('lists the slugs each user may edit, and each scenario with its owner', () => {
		const mine = newScenario(owner, 'rights-listing');
		const slugs = editableScenarioSlugs(owner);
		expect(slugs.has(mine.slug)).toBe(true);
		expect(slugs.has('angry-billing-dispute')).toBe(false);
		expect(editableScenarioSlugs(admin).size).toBe(listScenarios().length);
		expect(editableScenarioSlugs(trainee).size).toBe(0);
		const listed = listScenarios();
		expect(listed.find((s) => s.slug === mine.slug)?.ownerName).toBe(owner.name);
		expect(listed.find((s) => s.slug === 'sales-enquiry')?.ownerName).toBeNull();
	});
});

/** Runs an editor form action as `user`, returning what it returned or the HTTP error it threw. */
async function runAction(name: keyof typeof actions, user: SessionUser, slug: string, form: Record<string, string>) {
	const body = new FormData();
	for (const [k, v] of Object.entries(form)) body.set(k, v);
	const url = new URL(`http://localhost/trainer/scenarios/${slug}?/${name}`);
	const event = { request: new Request(url, { method: 'POST', body }), url, params: { slug }, locals: { user, requestId: 'test' } };
	try {
		return await actions[name](event as unknown as Parameters<(typeof actions)[typeof name]>[0]);
	} catch (e) {
		if (isHttpError(e)) return { thrown: e.status };
		throw e;
	}
}

describe('the scenario editor actions', () => {
	it('answer 403 to a trainer without the right (save, publish, grant, revoke) and change nothing', async () => {
		const row = newScenario(owner, 'rights-actions');
		const yaml = listVersions(row.id)[0].yaml;
		const edited = yaml.replace('Sam', 'Samira');
		const save = await runAction('save', other, row.slug, { yaml: edited, note: 'not mine' });
		expect(isActionFailure(save) && save.status).toBe(403);
		// The typed text comes back so nothing is lost (multipart form data sends line breaks as CRLF).
		const kept = isActionFailure(save) ? (save.data as unknown as { save: { values: { yaml: string } } }).save.values.yaml : '';
		expect(kept.replaceAll('\r\n', '\n')).toBe(edited);
		const publish = await runAction('publish', other, row.slug, { version: '1' });
		expect(isActionFailure(publish) && publish.status).toBe(403);
		expect(await runAction('grant', other, row.slug, { userId: String(other.id) })).toEqual({ thrown: 403 });
		expect(await runAction('revoke', other, row.slug, { userId: String(other.id) })).toEqual({ thrown: 403 });
		expect(listVersions(row.id)).toHaveLength(1);
		expect(getScenarioRow(row.slug)!.publishedVersionId).toBeNull();
		expect(listScenarioGrants(row.id)).toEqual([]);
	});

	it('let the owner save and publish, and an admin grant another trainer, who may then save', async () => {
		const row = newScenario(owner, 'rights-actions-ok');
		const yaml = listVersions(row.id)[0].yaml;
		expect(await runAction('save', owner, row.slug, { yaml: yaml.replace('Sam', 'Samira'), note: '' })).toEqual({ saved: { number: 2, unchanged: false } });
		// The starter text is still in it: the first try asks for confirmation and publishes nothing.
		const asked = await runAction('publish', owner, row.slug, { version: '2' });
		expect(isActionFailure(asked) && asked.status).toBe(409);
		expect(getScenarioRow(row.slug)!.publishedVersionId).toBeNull();
		expect(await runAction('publish', owner, row.slug, { version: '2', confirm: 'placeholders' })).toEqual({ published: { number: 2, retraining: null } });
		expect(await runAction('grant', admin, row.slug, { userId: String(other.id) })).toEqual({ rights: { message: 'Editing rights granted.' } });
		expect(await runAction('save', other, row.slug, { yaml: yaml.replace('Sam', 'Samuel'), note: 'granted' })).toEqual({ saved: { number: 3, unchanged: false } });
		expect(await runAction('revoke', admin, row.slug, { userId: String(other.id) })).toEqual({ rights: { message: 'Editing rights removed.' } });
		const again = await runAction('save', other, row.slug, { yaml, note: '' });
		expect(isActionFailure(again) && again.status).toBe(403);
	});

	it('refuse a malformed trainer or version with a 400 and a message', async () => {
		const row = newScenario(owner, 'rights-actions-bad');
		const grant = await runAction('grant', admin, row.slug, { userId: 'someone' });
		expect(isActionFailure(grant) && grant.status).toBe(400);
		expect(isActionFailure(grant) && grant.data).toEqual({ rights: { error: 'Choose a trainer.' } });
		const publish = await runAction('publish', owner, row.slug, { version: '' });
		expect(isActionFailure(publish) && publish.data).toEqual({ publish: { message: 'Choose a version to publish.' } });
	});
});

describe('refusals in the reader’s language', () => {
	it('tell a Bengali trainer in Bengali that a scenario is not theirs, and an English one in English', async () => {
		const row = newScenario(owner, 'rights-words');
		const yaml = listVersions(row.id)[0].yaml;
		const bn = await inLocale('bn', () => runAction('save', other, row.slug, { yaml, note: '' }));
		expect(isActionFailure(bn) && bn.status).toBe(403);
		expect(isActionFailure(bn) && (bn.data as unknown as { save: { message: string } }).save.message).toBe(
			'এই সিনারিওটি আপনি পড়তে ও ড্রাই রানে চালাতে পারেন, কিন্তু বদলাতে পারেন না। সম্পাদনার অধিকারের জন্য অ্যাডমিনকে বলুন।'
		);
		const en = await inLocale('en', () => runAction('publish', other, row.slug, { version: '1' }));
		expect(isActionFailure(en) && en.data).toEqual({
			publish: { message: 'You may read and dry-run this scenario, but not change it. Ask an administrator to grant you editing rights.' }
		});
		const owns = await inLocale('bn', () => runAction('grant', admin, row.slug, { userId: String(owner.id) }));
		expect(isActionFailure(owns) && owns.data).toEqual({ rights: { error: `${owner.name} এই সিনারিওর মালিক; তিনি এমনিতেই এটি সম্পাদনা করতে পারেন।` } });
		expect(inLocale('bn', () => grantScenarioEditing(admin, row, trainee.id))).toEqual({ ok: false, message: 'সম্পাদনার অধিকার শুধু প্রশিক্ষকদেরই দেওয়া যায়।' });
		expect(inLocale('bn', () => createScenario(row.slug, 'আবার', owner, yaml))).toEqual({ ok: false, message: '"rights-words" নামে একটি সিনারিও আগে থেকেই আছে।' });
	});
});

describe('demo seed', () => {
	it('grants the demo trainers some shipped scenarios, once', async () => {
		const priya = await createUser({ email: 'priya@callcraft.demo', name: 'Priya', password: 'password-123', roles: ['trainer'] });
		await createUser({ email: 'tom@callcraft.demo', name: 'Tom', password: 'password-123', roles: ['trainer'] });
		expect(await seedScenarioGrants()).toBe(true);
		expect(await seedScenarioGrants()).toBe(false);
		const priyaUser = { id: priya, roles: ['trainer'] as Role[] };
		expect(canEditScenario(priyaUser, getScenarioRow('angry-billing-dispute')!)).toBe(true);
		expect(canEditScenario(priyaUser, getScenarioRow('technical-fault-ticket')!)).toBe(false);
	});
});
