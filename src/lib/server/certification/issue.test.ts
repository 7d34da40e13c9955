import { afterAll, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { db, databasePath } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { certificates, programmes } from '$lib/server/db/schema/certification';
import { seedDemoProgrammes, DEMO_PROGRAMMES } from './seed';
import { issueEligible } from './issue';
import type { TraineeEvidence } from '$lib/domain/certification/evidence';
import { VERIFY_CODE_PATTERN } from '$lib/schemas/certification';

const NOW = new Date('2026-06-01T10:00:00Z');
const call = (i: number, angryStart = false) => ({
	id: `call-${i}`,
	scenarioSlug: angryStart ? 'angry-billing' : 'address-change',
	angryStart,
	total: 90,
	sections: {},
	recordAccuracy: 95,
	endedAt: new Date(NOW.getTime() - i * 3_600_000),
	handleSeconds: 240,
	acwSeconds: 60,
	holdSeconds: 0,
	resolvedFirstContact: true
});
// Enough for Level 1 and the De-escalation phase after it.
const evidence: TraineeEvidence = {
	courses: ['working-in-the-crm', 'telephone-etiquette', 'anger-control-and-de-escalation'].map((slug) => ({
		slug,
		passed: true,
		completedAt: new Date(NOW.getTime() - 86_400_000),
		bestScore: 92
	})),
	calls: [call(1), call(2), call(3), call(4, true), call(5, true)]
};

function newUser(email: string) {
	return db.insert(users).values({ email, name: 'Parallel Trainee', passwordHash: 'x', createdAt: NOW }).returning().get().id;
}

seedDemoProgrammes(NOW);
const level1 = db.select().from(programmes).where(eq(programmes.slug, DEMO_PROGRAMMES[0].slug)).get()!;

describe('issueEligible', () => {
	it('issues both phases with unguessable codes and 12-month expiry, then nothing more', () => {
		const userId = newUser('seq@example.test');
		const first = issueEligible(db, { userId, holderName: 'Parallel Trainee', evidence, now: NOW });
		expect(first.issued.map((c) => c.programmeTitle)).toEqual(['CRM Call Handling — Level 1', 'De-escalation Specialist']);
		for (const c of first.issued) {
			expect(c.code).toMatch(VERIFY_CODE_PATTERN);
			expect(c.expiresAt?.toISOString()).toBe('2027-06-01T10:00:00.000Z');
			expect(c.cycle).toBe(1);
		}
		expect(first.issued[0].code).not.toBe(first.issued[1].code);
		const again = issueEligible(db, { userId, holderName: 'Parallel Trainee', evidence, now: NOW });
		expect(again.issued).toEqual([]);
	});

	it('issues nothing without the work', () => {
		const userId = newUser('none@example.test');
		expect(issueEligible(db, { userId, holderName: 'x', evidence: { courses: [], calls: [] }, now: NOW }).issued).toEqual([]);
	});

	it('refuses a duplicate (user, programme, cycle) at the database level', () => {
		const userId = newUser('dup@example.test');
		issueEligible(db, { userId, holderName: 'x', evidence, now: NOW });
		const existing = db.select().from(certificates).where(eq(certificates.userId, userId)).all()[0];
		expect(() => db.insert(certificates).values({ ...existing, id: undefined, code: 'A'.repeat(32) }).run()).toThrow(/UNIQUE/);
	});
});

describe('parallel issuance', () => {
	const children: ChildProcess[] = [];
	afterAll(() => children.forEach((c) => c.kill()));

	it('creates exactly one certificate per programme when 8 processes race on their own connections', async () => {
		const userId = newUser('race@example.test');
		const script = fileURLToPath(new URL('../../../../tests/fixtures/issue-worker.ts', import.meta.url));
		const ready: Promise<void>[] = [];
		const done: Promise<{ issued?: number[]; error?: string }>[] = [];
		for (let i = 0; i < 8; i++) {
			const child = fork(script, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			children.push(child);
			ready.push(new Promise((resolve) => child.once('message', () => resolve())));
			done.push(
				new Promise((resolve, reject) => {
					child.once('error', reject);
					child.on('message', (m) => m !== 'ready' && resolve(m as { issued?: number[]; error?: string }));
				})
			);
			child.send({ dbPath: databasePath, userId, evidence, now: NOW.toISOString() });
		}
		await Promise.all(ready);
		for (const child of children) child.send('go');
		const outcomes = await Promise.all(done);

		expect(outcomes.filter((o) => o.error)).toEqual([]);
		const issuedLevel1 = outcomes.flatMap((o) => o.issued ?? []).filter((id) => id === level1.id);
		expect(issuedLevel1).toHaveLength(1);
		const rows = db.select().from(certificates).where(eq(certificates.userId, userId)).all();
		expect(rows.map((r) => r.programmeTitle).sort()).toEqual(['CRM Call Handling — Level 1', 'De-escalation Specialist']);
	});
});
