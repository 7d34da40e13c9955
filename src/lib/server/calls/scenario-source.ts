// The scenarios a call can be started from: content/scenarios/*.yaml through the content loader, re-read when a
// file changes (trainers edit them in the browser). Each comes with a hash of its source, stored on the call.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarios, SCENARIOS_DIR } from '$lib/server/content/scenarios';
import type { Scenario } from '$lib/schemas/scenario';

export interface ScenarioEntry {
	scenario: Scenario;
	/** sha-256 of the YAML source, first 16 hex digits */
	hash: string;
}

let cache: { stamp: string; entries: Map<string, ScenarioEntry> } | null = null;

function dirStamp(dir: string): string {
	return readdirSync(dir)
		.filter((n) => /\.ya?ml$/.test(n))
		.sort()
		.map((n) => `${n}:${statSync(join(dir, n)).mtimeMs}`)
		.join('|');
}

export function allScenarios(dir = process.env.SCENARIOS_DIR ?? SCENARIOS_DIR): ScenarioEntry[] {
	const stamp = dirStamp(dir);
	if (!cache || cache.stamp !== stamp) {
		const entries = new Map<string, ScenarioEntry>();
		for (const file of loadScenarios(dir)) {
			const hash = createHash('sha256').update(file.source).digest('hex').slice(0, 16);
			entries.set(file.scenario.slug, { scenario: file.scenario, hash });
		}
		cache = { stamp, entries };
	}
	return [...cache.entries.values()];
}

export function findScenario(slug: string): ScenarioEntry | null {
	return allScenarios().find((e) => e.scenario.slug === slug) ?? null;
}
