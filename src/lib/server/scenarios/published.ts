// The scenarios the simulator plays: each scenario's published version, parsed once per version.
import { eq, isNotNull } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { untilDatabaseChanges } from '$lib/server/db/generation';
import { scenarios, scenarioVersions } from '$lib/server/db/schema/scenarios';
import { parseScenarioYaml } from '$lib/server/content/scenarios';
import type { Scenario } from '$lib/schemas/scenario';

export interface PublishedScenario {
	scenario: Scenario;
	/** content hash of the published YAML (store it on a call so later edits cannot change an old score) */
	hash: string;
	version: number;
}

const parsed = new Map<string, Scenario>();

function toPublished(row: { yaml: string; contentHash: string; number: number }): PublishedScenario | null {
	let scenario = parsed.get(row.contentHash);
	if (!scenario) {
		const result = parseScenarioYaml(row.yaml);
		if (!result.ok) return null;
		scenario = result.value;
		parsed.set(row.contentHash, scenario);
	}
	return { scenario, hash: row.contentHash, version: row.number };
}

/**
 * Every published scenario by title. The version rows are read without their YAML: a version already parsed (by
 * content hash) is not read again, so a page that lists scenarios does not copy every scenario's text each time. The
 * list itself is read again only after a write to the database (generation.ts).
 */
const livePublished = untilDatabaseChanges(() =>
	db
		.select({ id: scenarioVersions.id, contentHash: scenarioVersions.contentHash, number: scenarioVersions.number })
		.from(scenarios)
		.innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.publishedVersionId))
		.where(isNotNull(scenarios.publishedVersionId))
		.all()
		.map((row) =>
			parsed.has(row.contentHash)
				? toPublished({ ...row, yaml: '' })
				: toPublished({ ...row, yaml: db.select({ yaml: scenarioVersions.yaml }).from(scenarioVersions).where(eq(scenarioVersions.id, row.id)).get()?.yaml ?? '' })
		)
		.filter((p): p is PublishedScenario => p !== null)
		.sort((a, b) => a.scenario.title.localeCompare(b.scenario.title))
);

export function listPublishedScenarios(): PublishedScenario[] {
	return [...livePublished()];
}

export function findPublishedScenario(slug: string): PublishedScenario | null {
	const row = db
		.select({ yaml: scenarioVersions.yaml, contentHash: scenarioVersions.contentHash, number: scenarioVersions.number })
		.from(scenarios)
		.innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.publishedVersionId))
		.where(eq(scenarios.slug, slug))
		.get();
	return row ? toPublished(row) : null;
}
