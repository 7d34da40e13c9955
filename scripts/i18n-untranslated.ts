// Prints the hard-coded UI text left in .svelte files (tests/i18n/hardcoded-text.ts), per file, or with --allowlist
// the body of NOT_YET_TRANSLATED for tests/i18n/not-yet-translated.ts after a page was moved into messages/*.json.
// npx tsx scripts/i18n-untranslated.ts [--allowlist] [-v] [path filter]
import { hardcodedTextByFile } from '../tests/i18n/hardcoded-text';

const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('-'));
const found = Object.entries(hardcodedTextByFile()).filter(
	([file, list]) => list.length > 0 && (filters.length === 0 || filters.some((f) => file.includes(f)))
);
if (args.includes('--allowlist')) {
	for (const [file, list] of found) console.log(`\t'${file}': ${list.length},`);
} else {
	for (const [file, list] of found) {
		console.log(`${list.length}\t${file}`);
		if (args.includes('-v')) for (const f of list) console.log(`\t${f.line}: ${f.text}`);
	}
	console.log(`${found.reduce((n, [, l]) => n + l.length, 0)} strings in ${found.length} files`);
}
