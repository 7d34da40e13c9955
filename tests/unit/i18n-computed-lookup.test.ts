// A guard on how messages are looked up: `m.key()` with a literal key lets Vite keep only the messages a page uses,
// while a computed lookup (`m[name]`, `m[`etq_${code}`]`, `Object.values(m)`, `import * as m`) makes the bundler keep
// every message of the app in that page's scripts (results pages once loaded 113 scripts / 529 kB because of one).
// Map codes to messages with an object of literal calls instead (see src/lib/sim/score-labels.ts).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The computed uses of the paraglide messages object in one source file, as `line: text`. */
function findComputedLookups(source: string): string[] {
	const names = new Set<string>();
	for (const im of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]\$lib\/paraglide\/messages(?:\.js)?['"]/g))
		for (const part of im[1].split(','))
			if (/^\s*m(\s|$)/.test(part)) names.add(part.includes(' as ') ? part.split(' as ')[1].trim() : 'm');
	const star = /import\s*\*\s*as\s+(\w+)\s+from\s*['"]\$lib\/paraglide\/messages/.test(source);
	const found: string[] = [];
	if (star) found.push('import * as … from $lib/paraglide/messages');
	const lines = source.split('\n');
	for (const name of names) {
		const computed = new RegExp(`(?<![\\w$.])${name}\\s*(\\?\\.)?\\[|\\(\\s*${name}\\s+as\\s|Object\\.(keys|values|entries)\\(\\s*${name}\\s*\\)`);
		lines.forEach((line, i) => {
			if (/^\s*(\/\/|\/\*|\*|<!--)/.test(line)) return; // a comment that names the pattern
			if (computed.test(line)) found.push(`${i + 1}: ${line.trim()}`);
		});
	}
	return found;
}

const sourceFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const path = join(dir, d.name);
		if (d.isDirectory()) return path.endsWith(join('lib', 'paraglide')) ? [] : sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(d.name) ? [path] : [];
	});

describe('computed message lookups', () => {
	it('are found in their usual shapes, and literal calls are not', () => {
		const sample = `<script lang="ts">
	import { m } from '$lib/paraglide/messages';
	const a = m.result_heading();
	const b = m[\`etq_\${code}\`]();
	const c = (m as Record<string, () => string>)[key]();
	const d = Object.values(m).length;
	const e = items[0] + arr[m.count()];
</script>`;
		expect(findComputedLookups(sample)).toEqual([
			'4: const b = m[`etq_${code}`]();',
			'5: const c = (m as Record<string, () => string>)[key]();',
			'6: const d = Object.values(m).length;'
		]);
		expect(findComputedLookups(`import { m as msg } from '$lib/paraglide/messages.js';\nconst x = msg[k];\nconst m = re.exec(s); m[1];`)).toEqual(['2: const x = msg[k];']);
		expect(findComputedLookups(`import * as all from '$lib/paraglide/messages';`)).toHaveLength(1);
	});

	it('appear nowhere in src (each one puts every message into the page that imports it)', () => {
		const files = sourceFiles('src');
		expect(files.length).toBeGreaterThan(50);
		const offenders = files.flatMap((f) => findComputedLookups(readFileSync(f, 'utf8')).map((x) => `${f}:${x}`));
		expect(offenders, 'map codes to messages with an object of literal m.key() calls instead').toEqual([]);
	});
});
