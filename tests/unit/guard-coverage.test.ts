// Every load, form action and API handler of a signed-in route group re-checks the user itself (FOUNDATION.md:
// the hook guards whole groups, handlers must not rely on it alone). A static check over src/routes, so a new
// handler without `requireUser`/`requireRole` fails here before it ships.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const GUARDED_GROUPS = ['(app)', '(trainer)', '(admin)'];
/** Calls that prove a signed-in user (and role): the guards, and shared helpers built on them. */
const GUARD_CALLS = ['requireUser', 'requireRole', 'ownCall'];

function serverFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		if (statSync(p).isDirectory()) return serverFiles(p);
		return /^\+(page|layout)\.server\.ts$|^\+server\.ts$/.test(f) ? [p] : [];
	});
}

/** Names of functions declared in the file that call a guard themselves (e.g. `reviewableCall`). */
function localGuards(source: string): string[] {
	const names: string[] = [];
	for (const m of source.matchAll(/^(?:export )?(?:async )?function (\w+)\([^]*?^}/gm)) {
		if (GUARD_CALLS.some((g) => m[0].includes(`${g}(`))) names.push(m[1]);
	}
	return names;
}

/** Each handler of a file with its source: exported load/GET/POST/… and every key of `actions`. */
function handlers(source: string): { name: string; body: string }[] {
	const out: { name: string; body: string }[] = [];
	const exports = [...source.matchAll(/^export const (\w+)\b/gm)];
	exports.forEach((m, i) => {
		const body = source.slice(m.index, exports[i + 1]?.index ?? source.length);
		if (m[1] === 'actions') {
			const keys = [...body.matchAll(/^\t(\w+): async\b/gm)];
			expect(keys.length, 'actions must be written as `name: async (event) => …` so they can be checked').toBeGreaterThan(0);
			keys.forEach((k, j) => out.push({ name: `actions.${k[1]}`, body: body.slice(k.index, keys[j + 1]?.index ?? body.length) }));
		} else if (/^(load|GET|POST|PUT|PATCH|DELETE)$/.test(m[1])) {
			out.push({ name: m[1], body });
		}
	});
	return out;
}

describe('every handler of a signed-in group checks the user itself', () => {
	const files = GUARDED_GROUPS.flatMap((g) => serverFiles(join('src/routes', g)));

	it('finds the route files', () => {
		expect(files.length).toBeGreaterThan(40);
	});

	it.each(files)('%s', (file) => {
		const source = readFileSync(file, 'utf8');
		const guards = [...GUARD_CALLS, ...localGuards(source)];
		const list = handlers(source);
		expect(list.length, 'no load, action or handler found').toBeGreaterThan(0);
		const unguarded = list.filter((h) => !guards.some((g) => new RegExp(`\\b${g}\\(`).test(h.body))).map((h) => h.name);
		expect(unguarded).toEqual([]);
	});

	it('the check itself catches a handler without a guard', () => {
		const source = `export const load = (event) => ({ a: 1 });\nexport const actions = {\n\tsave: async (event) => {\n\t\trequireUser(event);\n\t},\n\tdrop: async (event) => {\n\t\treturn 1;\n\t}\n};\n`;
		const list = handlers(source);
		expect(list.map((h) => h.name)).toEqual(['load', 'actions.save', 'actions.drop']);
		expect(list.filter((h) => !/\brequireUser\(/.test(h.body)).map((h) => h.name)).toEqual(['load', 'actions.drop']);
	});
});
