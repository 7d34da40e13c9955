// Scenario versions in the database: the start-up import of content/scenarios, trainers' saves and publishing.
// Every change by a trainer is audit-logged.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { scenarios, scenarioVersions, type ScenarioVersionSource } from '$lib/server/db/schema/scenarios';
import { users } from '$lib/server/db/schema/users';
import { loadScenarios, parseScenarioYaml, SCENARIOS_DIR } from '$lib/server/content/scenarios';
import { recordAudit } from '$lib/server/audit';
import type { YamlIssue } from '$lib/schemas/yaml-document';
import { m } from '$lib/paraglide/messages';
import { formatDigits } from '$lib/i18n/format';

export type ScenarioRow = typeof scenarios.$inferSelect;
export type ScenarioVersionRow = typeof scenarioVersions.$inferSelect;

export function contentHash(yaml: string): string {
	return createHash('sha256').update(yaml).digest('hex').slice(0, 16);
}

export function getScenarioRow(slug: string): ScenarioRow | null {
	return db.select().from(scenarios).where(eq(scenarios.slug, slug)).get() ?? null;
}

export function listVersions(scenarioId: number): ScenarioVersionRow[] {
	return db
		.select()
		.from(scenarioVersions)
		.where(eq(scenarioVersions.scenarioId, scenarioId))
		.orderBy(desc(scenarioVersions.number))
		.all();
}

export function getVersion(scenarioId: number, number: number): ScenarioVersionRow | null {
	return (
		db
			.select()
			.from(scenarioVersions)
			.where(and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.number, number)))
			.get() ?? null
	);
}

export interface ScenarioListItem {
	slug: string;
	title: string;
	difficulty: string;
	latest: number;
	published: number | null;
	/** the latest version is not the published one */
	unpublishedChanges: boolean;
	updatedAt: Date;
	/** the trainer who created it; null for scenarios from content/ */
	ownerName: string | null;
}

/** Every scenario with its latest and published version, by title. */
export function listScenarios(): ScenarioListItem[] {
	const rows = db.select({ row: scenarios, ownerName: users.name }).from(scenarios).leftJoin(users, eq(users.id, scenarios.createdBy)).orderBy(asc(scenarios.slug)).all();
	return rows
		.map(({ row, ownerName }) => {
			const versions = listVersions(row.id);
			const latest = versions[0];
			const published = versions.find((v) => v.id === row.publishedVersionId) ?? null;
			const shown = published ?? latest;
			return {
				slug: row.slug,
				title: shown?.title ?? row.slug,
				difficulty: shown?.difficulty ?? '',
				latest: latest?.number ?? 0,
				published: published?.number ?? null,
				unpublishedChanges: !!latest && latest.id !== row.publishedVersionId,
				updatedAt: latest?.createdAt ?? row.createdAt,
				ownerName
			};
		})
		.sort((a, b) => a.title.localeCompare(b.title));
}

function insertVersion(
	scenarioId: number,
	yaml: string,
	meta: { title: string; difficulty: string },
	options: { source: ScenarioVersionSource; note: string | null; createdBy: number | null; publish: boolean },
	at: Date
): ScenarioVersionRow {
	const last = db
		.select({ number: scenarioVersions.number })
		.from(scenarioVersions)
		.where(eq(scenarioVersions.scenarioId, scenarioId))
		.orderBy(desc(scenarioVersions.number))
		.get();
	const version = db
		.insert(scenarioVersions)
		.values({
			scenarioId,
			number: (last?.number ?? 0) + 1,
			source: options.source,
			contentHash: contentHash(yaml),
			title: meta.title,
			difficulty: meta.difficulty,
			yaml,
			note: options.note,
			createdBy: options.createdBy,
			createdAt: at,
			publishedAt: options.publish ? at : null
		})
		.returning()
		.get();
	if (options.publish) db.update(scenarios).set({ publishedVersionId: version.id }).where(eq(scenarios.id, scenarioId)).run();
	return version;
}

/**
 * Start-up import: each content/scenarios file becomes a scenario (by slug). When the file's content hash
 * differs from the last version imported from content/, it becomes a new published version. Versions saved
 * in the browser stay in the history, so nothing a trainer wrote is lost. A second start imports nothing.
 */
export function importContentScenarios(dir = process.env.SCENARIOS_DIR ?? SCENARIOS_DIR, at = new Date()) {
	let created = 0;
	let updated = 0;
	db.transaction(() => {
		for (const file of loadScenarios(dir)) {
			const { slug, title, difficulty } = file.scenario;
			let row = getScenarioRow(slug);
			if (!row) {
				row = db.insert(scenarios).values({ slug, createdBy: null, createdAt: at }).returning().get();
				created++;
			}
			const lastImported = db
				.select({ hash: scenarioVersions.contentHash })
				.from(scenarioVersions)
				.where(and(eq(scenarioVersions.scenarioId, row.id), eq(scenarioVersions.source, 'content')))
				.orderBy(desc(scenarioVersions.number))
				.get();
			if (lastImported?.hash === contentHash(file.source)) continue;
			insertVersion(
				row.id,
				file.source,
				{ title, difficulty },
				{
					source: 'content',
					note: lastImported ? 'Updated from content/scenarios' : 'Imported from content/scenarios',
					createdBy: null,
					publish: true
				},
				at
			);
			if (lastImported) updated++;
		}
	});
	return { created, updated };
}

export type SaveResult =
	| { ok: true; version: ScenarioVersionRow; unchanged: boolean }
	| { ok: false; issues: YamlIssue[] };

/** Validates and saves the YAML as the scenario's next version (nothing new when it equals the latest). */
export function saveScenarioVersion(
	slug: string,
	yaml: string,
	actor: { id: number },
	note: string | null,
	at = new Date()
): SaveResult {
	// browsers send a textarea's line breaks as CRLF; versions are stored (and hashed) with LF like content/ files
	yaml = yaml.replace(/\r\n?/g, '\n');
	const row = getScenarioRow(slug);
	if (!row) return { ok: false, issues: [{ line: 1, path: '', message: m.scenario_not_found_slug({ slug }) }] };
	const parsed = parseScenarioYaml(yaml);
	if (!parsed.ok) return { ok: false, issues: parsed.issues };
	if (parsed.value.slug !== slug) {
		const line = yaml.split('\n').findIndex((l) => /^slug\s*:/.test(l)) + 1;
		return { ok: false, issues: [{ line: Math.max(1, line), path: 'slug', message: m.scenario_slug_must_stay({ slug }) }] };
	}
	const latest = listVersions(row.id)[0];
	if (latest && latest.contentHash === contentHash(yaml)) return { ok: true, version: latest, unchanged: true };
	const version = insertVersion(
		row.id,
		yaml,
		{ title: parsed.value.title, difficulty: parsed.value.difficulty },
		{ source: 'editor', note, createdBy: actor.id, publish: false },
		at
	);
	recordAudit(
		{
			actorId: actor.id,
			action: 'scenario.version_save',
			entityType: 'scenario',
			entityId: slug,
			before: latest ? { version: latest.number, hash: latest.contentHash } : null,
			after: { version: version.number, hash: version.contentHash, note }
		},
		at
	);
	return { ok: true, version, unchanged: false };
}

/** Makes a version the one the simulator plays. */
export function publishScenarioVersion(slug: string, number: number, actor: { id: number }, at = new Date()): ScenarioVersionRow | null {
	const row = getScenarioRow(slug);
	if (!row) return null;
	const version = getVersion(row.id, number);
	if (!version) return null;
	// a version saved before a validation rule tightened must still be valid to go live
	if (!parseScenarioYaml(version.yaml).ok) return null;
	const before = row.publishedVersionId ? db.select().from(scenarioVersions).where(eq(scenarioVersions.id, row.publishedVersionId)).get() : null;
	db.transaction(() => {
		db.update(scenarios).set({ publishedVersionId: version.id }).where(eq(scenarios.id, row.id)).run();
		db.update(scenarioVersions).set({ publishedAt: at }).where(eq(scenarioVersions.id, version.id)).run();
	});
	recordAudit(
		{
			actorId: actor.id,
			action: 'scenario.publish',
			entityType: 'scenario',
			entityId: slug,
			before: before ? { version: before.number } : null,
			after: { version: version.number, hash: version.contentHash }
		},
		at
	);
	return { ...version, publishedAt: at };
}

/** A new scenario from the starter template, saved as version 1 (not yet published). */
/**
 * Takes a scenario off the trainees' list. Nothing is deleted: past calls, their scores and certification evidence
 * stay, and publishing any version makes it playable again.
 */
export function unpublishScenario(slug: string, actor: { id: number }, at = new Date()): boolean {
	const row = getScenarioRow(slug);
	if (!row?.publishedVersionId) return false;
	const live = db.select().from(scenarioVersions).where(eq(scenarioVersions.id, row.publishedVersionId)).get();
	db.update(scenarios).set({ publishedVersionId: null }).where(eq(scenarios.id, row.id)).run();
	recordAudit({ actorId: actor.id, action: 'scenario.unpublish', entityType: 'scenario', entityId: slug, before: { version: live?.number ?? null }, after: null }, at);
	return true;
}

export function createScenario(
	slug: string,
	title: string,
	actor: { id: number },
	yaml: string,
	at = new Date()
): { ok: true; row: ScenarioRow } | { ok: false; message: string } {
	if (getScenarioRow(slug)) return { ok: false, message: m.srv_scenario_exists({ slug }) };
	const parsed = parseScenarioYaml(yaml);
	if (!parsed.ok) return { ok: false, message: m.srv_scenario_starter_invalid({ line: formatDigits(parsed.issues[0].line), detail: parsed.issues[0].message }) };
	const row = db.transaction(() => {
		const created = db.insert(scenarios).values({ slug, createdBy: actor.id, createdAt: at }).returning().get();
		insertVersion(created.id, yaml, { title, difficulty: parsed.value.difficulty }, { source: 'editor', note: m.scn_note_created(), createdBy: actor.id, publish: false }, at);
		return created;
	});
	recordAudit({ actorId: actor.id, action: 'scenario.create', entityType: 'scenario', entityId: slug, after: { title } }, at);
	return { ok: true, row };
}
