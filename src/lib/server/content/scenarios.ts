// Loads content/scenarios/*.yaml: each file is validated with the scenario schema and a bad file fails with
// `path:line: what is wrong`. The slug must match the file name, and slugs are unique.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { m } from '$lib/paraglide/messages';
import { scenarioSchema, type Scenario } from '../../schemas/scenario';
import { formatYamlIssue, parseYamlWithSchema, type YamlIssue, type YamlParseResult } from '../../schemas/yaml-document';

export const SCENARIOS_DIR = 'content/scenarios';

export interface ScenarioFile {
	/** path relative to the repository root, as shown in errors */
	file: string;
	source: string;
	scenario: Scenario;
}

export class ScenarioContentError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid scenario content:\n${problems.join('\n')}`);
		this.name = 'ScenarioContentError';
	}
}

/** Validates one scenario's YAML text (from a file or the trainer's editor). */
export function parseScenarioYaml(source: string): YamlParseResult<Scenario> {
	return parseYamlWithSchema(source, scenarioSchema);
}

/** Validates a file's text, also checking that its slug matches the file name. */
export function parseScenarioFile(file: string, source: string): { scenario: Scenario } | { issues: YamlIssue[] } {
	const parsed = parseScenarioYaml(source);
	if (!parsed.ok) return { issues: parsed.issues };
	const expected = basename(file).replace(/\.ya?ml$/, '');
	if (parsed.value.slug !== expected) {
		const line = source.split('\n').findIndex((l) => /^slug\s*:/.test(l)) + 1;
		return {
			issues: [{ line: Math.max(1, line), path: 'slug', message: m.scn_err_file_name({ expected }) }]
		};
	}
	return { scenario: parsed.value };
}

/** Reads and validates every scenario file; throws one error listing all problems. */
export function loadScenarios(dir: string = SCENARIOS_DIR): ScenarioFile[] {
	const names = readdirSync(dir)
		.filter((n) => /\.ya?ml$/.test(n))
		.sort();
	const problems: string[] = [];
	const files: ScenarioFile[] = [];
	const seen = new Map<string, string>();
	for (const name of names) {
		const file = join(dir, name);
		const source = readFileSync(file, 'utf8');
		const result = parseScenarioFile(file, source);
		if ('issues' in result) {
			problems.push(...result.issues.map((issue) => formatYamlIssue(file, issue)));
			continue;
		}
		const other = seen.get(result.scenario.slug);
		if (other) {
			problems.push(`${file}:1: slug: "${result.scenario.slug}" is already used by ${other}`);
			continue;
		}
		seen.set(result.scenario.slug, file);
		files.push({ file, source, scenario: result.scenario });
	}
	if (problems.length > 0) throw new ScenarioContentError(problems);
	return files;
}
