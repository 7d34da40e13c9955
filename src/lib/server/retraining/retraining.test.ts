// Retraining after a significant change: who is asked (holders in force of dependent programmes only), the note,
// the assignments per cohort, the "update due" mark and when it goes, and the notification with its e-mail.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { recordStatements } from '$lib/server/db/record-statements';
import { certificates, programmes } from '$lib/server/db/schema/certification';
import { assignments } from '$lib/server/db/schema/assignments';
import { certificateUpdates } from '$lib/server/db/schema/retraining';
import { emailOutbox, notifications } from '$lib/server/db/schema/notifications';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { getCourseBySlug } from '$lib/server/courses/versions';
import { publishDraft, saveDraft, workingFiles } from '$lib/server/courses/authoring';
import { publishScenarioVersion } from '$lib/server/scenarios/versions';
import { newCertificateCode } from '$lib/server/certification/codes';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { evidenceFor, traineeTasks } from '$lib/server/assignments/assignments';
import { setEmailKinds } from '$lib/server/notifications/inbox';
import type { ProgrammeRules } from '$lib/domain/certification/rules';
import { retrainingWorld, saveChangedSalesEnquiry, T0, at, PASSWORD } from './test-world';
import { courseDraftChanges, retrainingHolders, retrainingReach, scenarioVersionChanges, startRetraining, dependentProgrammes } from './retraining';
import { getRetrainingNote, retrainingEvidence, noteProgressOf, noteSummary, recordRetrainingRead, updatesDue } from './progress';

const { admin, tess, blue } = await retrainingWorld();

const red = createCohort('Red team', tess);
const trainee = (name: string, cohortId: number | null) =>
	createUser({ email: `${name.toLowerCase()}@example.test`, name, password: PASSWORD, roles: ['trainee'], cohortId });
// One after another, so ids (and the holders' order) follow the names.
const ann = await trainee('Ann', blue);
const ben = await trainee('Ben', blue);
const cat = await trainee('Cat', blue);
const dan = await trainee('Dan', null);
const rick = await trainee('Rick', red);
const eve = await trainee('Eve', blue);

const rules = (r: Partial<ProgrammeRules>): ProgrammeRules => ({ courses: [], calls: [], prerequisites: [], validityMonths: 12, recertify: { courses: [], calls: false }, ...r });
const programme = (slug: string, r: Partial<ProgrammeRules>, retrainingDays: number) =>
	db.insert(programmes).values({ slug, title: slug, rules: rules(r), retrainingDays, createdAt: at(-20), updatedAt: at(-20) }).returning().get();
const crm = programme('crm-basics', { courses: ['working-in-the-crm'] }, 14);
const sales = programme('sales-calls', { calls: [{ count: 2, minScore: 70, minRecordAccuracy: null, angryOnly: false, scenarios: ['sales-enquiry'] }] }, 10);
const salesStrict = programme('sales-strict', { calls: [{ count: 1, minScore: 85, minRecordAccuracy: null, angryOnly: false, scenarios: ['sales-enquiry', 'address-change-verification'] }] }, 21);
const etiquette = programme('etiquette', { courses: ['telephone-etiquette'] }, 7);

function certify(userId: number, programmeId: number, opts: { cycle?: number; expiresAt?: Date | null; revokedAt?: Date | null } = {}) {
	return db
		.insert(certificates)
		.values({
			code: newCertificateCode(),
			userId,
			programmeId,
			cycle: opts.cycle ?? 1,
			programmeVersion: 1,
			holderName: 'x',
			programmeTitle: 'x',
			issuedAt: at(-10),
			expiresAt: opts.expiresAt === undefined ? at(300) : opts.expiresAt,
			revokedAt: opts.revokedAt ?? null
		})
		.returning()
		.get().id;
}
const annCrm = certify(ann, crm.id);
certify(ben, crm.id, { revokedAt: at(-1) }); // revoked: not asked
certify(cat, crm.id, { expiresAt: at(-1) }); // expired: not asked
const danCrm = certify(dan, crm.id); // no cohort: marked, no assignment
const rickOld = certify(rick, crm.id, { cycle: 1, expiresAt: at(100) });
const rickCrm = certify(rick, crm.id, { cycle: 2 }); // only the latest cycle is marked
certify(eve, etiquette.id); // another course's programme: not asked
const annSales = certify(ann, sales.id);
const annStrict = certify(ann, salesStrict.id);
setEmailKinds(rick, ['retraining']); // Rick switched these e-mails off

describe('who depends on a change', () => {
	it('finds programmes requiring the course or naming the scenario in a call requirement', () => {
		expect(dependentProgrammes('course', 'working-in-the-crm').map((p) => p.slug)).toEqual(['crm-basics']);
		expect(dependentProgrammes('scenario', 'sales-enquiry').map((p) => p.slug)).toEqual(['sales-calls', 'sales-strict']);
		expect(dependentProgrammes('course', 'anger-control-and-de-escalation')).toEqual([]);
	});
	it('asks active holders of certificates in force, latest cycle only', () => {
		const holders = retrainingHolders([crm.id], T0);
		expect(holders.map((h) => [h.userId, h.certificateId])).toEqual([
			[ann, annCrm],
			[dan, danCrm],
			[rick, rickCrm]
		]);
		expect(retrainingReach('course', 'working-in-the-crm', T0)).toEqual({ holders: 3, programmes: ['crm-basics'] });
	});
});

describe('a significant course change', () => {
	const row = getCourseBySlug('working-in-the-crm')!;
	let noteId = 0;

	it('notes the changed lessons of the draft against the live version', () => {
		const { files } = workingFiles(row);
		const lesson = '02-interaction-logs.md';
		saveDraft(admin, row, { ...files, [lesson]: `${files[lesson]}\n\nNew: log every callback request as its own interaction.\n` }, 'course.edit');
		const changed = courseDraftChanges(row)!;
		expect(changed.fromVersion).toBe(1);
		expect(changed.changes).toEqual([{ ref: 'interaction-logs', title: expect.any(String), change: 'changed' }]);
	});

	it('assigns retraining per cohort to the holders, marks their certificates and notifies them', async () => {
		const changed = courseDraftChanges(getCourseBySlug('working-in-the-crm')!)!;
		const v = await publishDraft(admin, getCourseBySlug('working-in-the-crm')!);
		const started = startRetraining({ kind: 'course', slug: row.slug, title: v.title, toVersion: v.number, ...changed }, admin, T0);
		noteId = started.noteId;
		expect(started.trainees).toBe(3);
		expect(started.dueAt.toISOString()).toBe('2026-06-15T23:59:59.999Z'); // crm-basics: 14 days

		const made = db.select().from(assignments).where(eq(assignments.retrainingNoteId, noteId)).all();
		expect(made.map((a) => [a.cohortId, a.kind, a.refSlug, a.reason, a.wholeCohort])).toEqual([
			[blue, 'course', 'working-in-the-crm', 'retraining', false],
			[red, 'course', 'working-in-the-crm', 'retraining', false]
		]);
		expect(traineeTasks({ id: ann, cohortId: blue }, T0)).toMatchObject([{ reason: 'retraining', href: `/retraining/${noteId}`, status: 'not-started' }]);
		expect(traineeTasks({ id: ben, cohortId: blue }, T0)).toEqual([]);

		const marks = updatesDue([annCrm, danCrm, rickCrm, rickOld], T0);
		expect([...marks.keys()].sort((a, b) => a - b)).toEqual([annCrm, danCrm, rickCrm]);
		expect(marks.get(annCrm)).toEqual({ noteId, dueAt: started.dueAt, overdue: false });
		expect(updatesDue([annCrm], at(15)).get(annCrm)?.overdue).toBe(true);
		// One prepared statement for any number of ids (a JSON array), read by certificate_updates' key per id; the
		// ids of a whole certificate CSV (more than SQLite's 32,766 parameters) in one call.
		const reads = recordStatements(() => updatesDue([annCrm, danCrm], T0)).statements.filter((st) => /from "certificate_updates"/.test(st.sql));
		expect(reads).toHaveLength(1);
		const plan = (sqlite.prepare(`explain query plan ${reads[0].sql}`).all(...(reads[0].params as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(plan).toMatch(/SEARCH certificate_updates USING INDEX sqlite_autoindex_certificate_updates_1 \(certificate_id=\?\)/);
		expect(plan).not.toMatch(/SCAN certificate_updates/);
		const many = [...Array.from({ length: 40_000 }, (_, i) => 10_000_000 + i), rickCrm];
		expect([...updatesDue(many, T0).keys()]).toEqual([rickCrm]);

		const sent = db.select().from(notifications).where(eq(notifications.kind, 'retraining')).all();
		expect(sent.map((n) => n.userId).sort((a, b) => a - b)).toEqual([ann, dan, rick].sort((a, b) => a - b));
		expect(sent[0]).toMatchObject({ href: `/retraining/${noteId}`, title: `Retraining required: ${v.title}` });
		// E-mail for everyone but Rick, who switched retraining e-mails off.
		const mail = db.select({ to: emailOutbox.toAddress }).from(emailOutbox).all().map((r) => r.to).sort();
		expect(mail).toEqual(['ann@example.test', 'dan@example.test']);
	});

	it('is done once the changed lessons are opened again, and the mark goes', () => {
		recordRetrainingRead(eve, 'working-in-the-crm', 'interaction-logs', at(1)); // not asked: nothing recorded
		recordRetrainingRead(ann, 'working-in-the-crm', 'customer-records', at(1)); // not a changed lesson
		expect(noteProgressOf({ ...noteOf(noteId) }, ann, at(1))).toMatchObject({ done: false, lessonsRead: [] });
		recordRetrainingRead(ann, 'working-in-the-crm', 'interaction-logs', at(1));
		const assignment = db.select().from(assignments).where(eq(assignments.cohortId, blue)).get()!;
		expect(evidenceFor(assignment, [ann, cat], at(1)).get(ann)).toMatchObject({ complete: true });
		expect(updatesDue([annCrm, danCrm], at(1)).has(annCrm)).toBe(false);
		expect(updatesDue([annCrm, danCrm], at(1)).has(danCrm)).toBe(true);
		// Closed when the last changed lesson was read (a write on that POST, never on a page read).
		const rows = db.select().from(certificateUpdates).where(eq(certificateUpdates.noteId, noteId)).all();
		expect(rows.map((r) => [r.userId, r.doneAt?.getTime() ?? null])).toEqual([
			[ann, at(1).getTime()],
			[dan, null],
			[rick, null]
		]);
		expect(noteSummary(noteOf(noteId))).toEqual({ holders: 3, done: 1 });
	});
});

describe('a significant scenario change', () => {
	it('notes changed call steps and asks for a call at the highest minimum score, by the soonest deadline', () => {
		const { version, changed } = saveChangedSalesEnquiry(admin);
		const saved = { version };
		expect(changed).toEqual({ fromVersion: 1, changes: [{ ref: 'step:plan', title: 'plan', change: 'changed' }] });
		publishScenarioVersion('sales-enquiry', saved.version.number, admin, T0);
		expect(scenarioVersionChanges('sales-enquiry', saved.version.number)).toBeNull(); // the live one: nothing to compare

		const started = startRetraining({ kind: 'scenario', slug: 'sales-enquiry', title: 'Sales', toVersion: saved.version.number, ...changed }, admin, T0);
		expect(started.trainees).toBe(1);
		expect(started.dueAt.toISOString()).toBe('2026-06-11T23:59:59.999Z'); // sales-calls: 10 days
		const a = db.select().from(assignments).where(eq(assignments.retrainingNoteId, started.noteId)).get()!;
		expect(a).toMatchObject({ kind: 'scenario', refSlug: 'sales-enquiry', minScore: 85, callCount: 1, mode: 'practice' });
		expect([...updatesDue([annSales, annStrict], T0).keys()].sort((x, y) => x - y)).toEqual([annSales, annStrict]);

		playScriptedCall(ann, 'sales-enquiry', at(-1)); // before the change: does not count
		expect(evidenceFor(a, [ann], at(1)).get(ann)?.complete ?? false).toBe(false);
		playScriptedCall(ann, 'sales-enquiry', at(1));
		const ev = evidenceFor(a, [ann], at(2)).get(ann)!;
		expect(ev).toEqual({ goodCalls: 1, started: true, complete: true }); // the scripted call scores above 85
		expect(updatesDue([annSales, annStrict], at(2)).size).toBe(0);
		// Below the minimum it would not count.
		const note = noteOf(started.noteId);
		expect(note.minScore).toBe(85);
		expect(retrainingEvidence({ ...note, minScore: 101 }, [ann]).get(ann)).toEqual({ goodCalls: 0, started: true, complete: false });
	});
});

function noteOf(id: number) {
	return getRetrainingNote(id)!;
}
