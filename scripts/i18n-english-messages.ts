// Prints the English messages handed to error()/fail()/zod in src (tests/i18n/english-messages.ts), per file, or with
// --allowlist the counts for tests/i18n/english-messages-allowlist.ts after messages were moved into messages/*.json.
// npx tsx scripts/i18n-english-messages.ts [--allowlist] [-v] [path filter]
import { englishMessagesByFile } from '../tests/i18n/english-messages';
import { ENGLISH_MESSAGES_ALLOWED } from '../tests/i18n/english-messages-allowlist';

const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('-'));
const found = Object.entries(englishMessagesByFile()).filter(([file]) => filters.length === 0 || filters.some((f) => file.includes(f)));
if (args.includes('--allowlist')) {
	for (const [file, list] of found) {
		const reason = ENGLISH_MESSAGES_ALLOWED[file]?.reason ?? 'TODO: why this is not user-visible, or convert it';
		console.log(`\t'${file}': { count: ${list.length}, reason: ${JSON.stringify(reason).replace(/^"|"$/g, "'")} },`);
	}
} else {
	for (const [file, list] of found) {
		console.log(`${list.length}\t${file}`);
		if (args.includes('-v')) for (const f of list) console.log(`\t${f.line}: ${f.text}`);
	}
	console.log(`${found.reduce((n, [, l]) => n + l.length, 0)} messages in ${found.length} files`);
}
