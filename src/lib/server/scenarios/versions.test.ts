import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog } from '$lib/server/db/schema/audit';
import { createUser } from '$lib/server/db/queries/users';
import { findPublishedScenario, listPublishedScenarios } from './published';
import { starterScenarioYaml } from './starter';
import {
	createScenario,
	getScenarioRow,
	importContentScenarios,
	listScenarios,
	listVersions,
	publishScenarioVersion,
	saveScenarioVersion
} from './versions';

let trainer: { id: number };
const salesYaml = readFileSync('content/scenarios/sales-enquiry.yaml', 'utf8');

beforeAll(async () => {
	trainer = { id: await createUser({ email: 'author@s.test', name: 'Author', password: 'password-123', roles: ['trainer'] }) };
	importContentScenarios();
});

describe('importing content/scenarios', () => {
	it('publishes every shipped scenario as version 1', () => {
		const published = listPublishedScenarios();
		expect(published.length).toBeGreaterThanOrEqual(8);
		expect(findPublishedScenario('sales-enquiry')).toMatchObject({ version: 1, scenario: { title: 'Upgrade enquiry for full fibre' } });
	});
	it('creates nothing on a second start', () => {
		expect(importContentScenarios()).toEqual({ created: 0, updated: 0 });
	});
	it('publishes a changed file as a new version, by content hash', () => {
		const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
		copyFileSync('content/scenarios/technical-fault-ticket.yaml', join(dir, 'technical-fault-ticket.yaml'));
		expect(importContentScenarios(dir)).toEqual({ created: 0, updated: 0 });
		const changed = readFileSync(join(dir, 'technical-fault-ticket.yaml'), 'utf8').replace('difficulty: medium', 'difficulty: hard');
		writeFileSync(join(dir, 'technical-fault-ticket.yaml'), changed);
		expect(importContentScenarios(dir)).toEqual({ created: 0, updated: 1 });
		expect(findPublishedScenario('technical-fault-ticket')).toMatchObject({ version: 2, scenario: { difficulty: 'hard' } });
	});
});

describe('saving and publishing in the editor', () => {
	it('refuses invalid YAML with line-numbered issues and saves nothing', () => {
		const before = listVersions(getScenarioRow('sales-enquiry')!.id).length;
		const result = saveScenarioVersion('sales-enquiry', salesYaml.replace('to: plan', 'to: nowhere'), trainer, null);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'dialogue.states.enquiry.on.0.to', line: expect.any(Number) });
		expect(listVersions(getScenarioRow('sales-enquiry')!.id)).toHaveLength(before);
	});
	it('refuses a change of slug', () => {
		const result = saveScenarioVersion('sales-enquiry', salesYaml.replace('slug: sales-enquiry', 'slug: sales-enquiry-2'), trainer, null);
		expect(result.ok).toBe(false);
	});
	it('saves an edit as a new unpublished version and audit-logs it', () => {
		const edited = salesYaml.replace('title: Upgrade enquiry for full fibre', 'title: Full fibre upgrade enquiry');
		const result = saveScenarioVersion('sales-enquiry', edited, trainer, 'Clearer title');
		expect(result).toMatchObject({ ok: true, unchanged: false, version: { number: 2, source: 'editor', publishedAt: null } });
		expect(findPublishedScenario('sales-enquiry')!.version).toBe(1);
		expect(listScenarios().find((s) => s.slug === 'sales-enquiry')).toMatchObject({ latest: 2, published: 1, unpublishedChanges: true });
		const audit = db.select().from(auditLog).where(eq(auditLog.action, 'scenario.version_save')).all();
		expect(audit.at(-1)).toMatchObject({ actorId: trainer.id, entityId: 'sales-enquiry' });
		expect(saveScenarioVersion('sales-enquiry', edited, trainer, null)).toMatchObject({ ok: true, unchanged: true });
		// the same text as a browser form sends it (CRLF line breaks) is the same version, stored with LF
		const crlf = saveScenarioVersion('sales-enquiry', edited.replace(/\n/g, '\r\n'), trainer, null);
		expect(crlf).toMatchObject({ ok: true, unchanged: true });
		expect(crlf.ok && crlf.version.yaml.includes('\r')).toBe(false);
	});
	it('publishes a saved version for the simulator and audit-logs it', () => {
		expect(publishScenarioVersion('sales-enquiry', 2, trainer)).not.toBeNull();
		expect(findPublishedScenario('sales-enquiry')).toMatchObject({ version: 2, scenario: { title: 'Full fibre upgrade enquiry' } });
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'scenario.publish')).all().at(-1)).toMatchObject({ after: { version: 2 } });
		expect(publishScenarioVersion('sales-enquiry', 99, trainer)).toBeNull();
	});
});

describe('creating a scenario', () => {
	it('starts from a valid template as an unpublished version 1', () => {
		const result = createScenario('new-one', 'A new one', trainer, starterScenarioYaml('new-one', 'A new one', '2026-03-20'));
		expect(result.ok).toBe(true);
		expect(listVersions(getScenarioRow('new-one')!.id)).toMatchObject([{ number: 1, source: 'editor' }]);
		expect(findPublishedScenario('new-one')).toBeNull();
	});
	it('refuses a slug that exists', () => {
		expect(createScenario('sales-enquiry', 'X', trainer, starterScenarioYaml('sales-enquiry', 'X', '2026-03-20'))).toMatchObject({ ok: false });
	});
});
