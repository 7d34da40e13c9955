// Finds English sentences written straight into the places where a message is handed to the person using the app:
// SvelteKit `error(404, '…')` / `fail(400, …)`, an object's `message:` / `error:` / `_form:` / `minMessage:`,
// zod checks with a text message (`.min(1, '…')`, `.regex(re, '…')`, `.refine(fn, '…')`, `z.string('…')`,
// `z.enum(LIST, '…')`) and the number/moment field helpers (`integerText('…')`). A message there should be a
// Paraglide lookup (`{ error: () => m.key() }`), so a Bengali reader gets Bengali. A line heuristic over .ts and
// .svelte files; comments are skipped. tests/unit/i18n-english-messages.test.ts holds the ratchet.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EnglishMessage {
	line: number;
	text: string;
}

const STR = String.raw`(['"\x60])((?:\\.|(?!\1)[^\\\n])*)\1`;
const ARGS = String.raw`(?:[^'"\x60()\n]|\([^()\n]*\))*?`; // arguments before the message: no strings, one level of (…)
const ZOD_CHECKS = 'min|max|length|regex|refine|email|int|positive|nonnegative|negative|nonempty|url|uuid|gte|lte|gt|lt|multipleOf|startsWith|endsWith|includes|finite|safe';

/** Each pattern ends in a string literal (quote in group `q`-1, text in the last group). */
const PATTERNS: RegExp[] = [
	new RegExp(String.raw`\b(?:message|error|minMessage|maxMessage|_form)\s*:\s*` + STR, 'g'),
	new RegExp(String.raw`\b(?:error|fail)\(\s*\d{3}\s*,\s*(?:\{[^}\n]*?\b\w+\s*:\s*)?` + STR, 'g'),
	new RegExp(String.raw`\.(?:${ZOD_CHECKS})\(${ARGS}` + STR, 'g'),
	new RegExp(String.raw`\bz\.(?:string|number|boolean|date|bigint|email|url)\(\s*` + STR, 'g'),
	new RegExp(String.raw`\bz\.(?:enum|array|union|object|strictObject|record|tuple)\(\s*[\w.$]+\s*,\s*` + STR, 'g'),
	new RegExp(String.raw`\b(?:integerText|decimalText|optionalMoment)\(\s*` + STR, 'g')
];

/** Text a person reads: at least two words of letters (not a code, path, key or CSS class). */
function isEnglishText(text: string): boolean {
	const t = text.replace(/\$\{[^}]*\}/g, ' ').trim();
	return /\s/.test(t) && (t.match(/[A-Za-z]{2,}/g) ?? []).length >= 2;
}

/** English messages in one source text, in line order. */
export function findEnglishMessages(source: string): EnglishMessage[] {
	const found: EnglishMessage[] = [];
	let inBlockComment = false;
	source.split('\n').forEach((raw, i) => {
		let line = raw;
		if (inBlockComment) {
			const end = line.indexOf('*/');
			if (end < 0) return;
			line = line.slice(end + 2);
			inBlockComment = false;
		}
		if (/^\s*(\/\/|\/?\*|<!--)/.test(line)) return;
		const open = line.indexOf('/*');
		if (open >= 0 && line.indexOf('*/', open) < 0) {
			inBlockComment = true;
			line = line.slice(0, open);
		}
		const onLine = new Map<number, string>(); // end of the literal → its text, so two patterns count it once
		for (const re of PATTERNS)
			for (const match of line.matchAll(re)) {
				const text = match[match.length - 1];
				if (isEnglishText(text)) onLine.set(match.index + match[0].length, text);
			}
		for (const at of [...onLine.keys()].sort((a, b) => a - b)) found.push({ line: i + 1, text: onLine.get(at)! });
	});
	return found;
}

const sourceFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const path = join(dir, d.name);
		if (d.isDirectory()) return path.endsWith(join('lib', 'paraglide')) ? [] : sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(d.name) && !/\.(test|spec|e2e)\.ts$/.test(d.name) ? [path] : [];
	});

/** Every file under src with English messages, as `{ 'src/…': findings }` (forward slashes). */
export function englishMessagesByFile(root = 'src'): Record<string, EnglishMessage[]> {
	const out: Record<string, EnglishMessage[]> = {};
	for (const file of sourceFiles(root).sort()) {
		const list = findEnglishMessages(readFileSync(file, 'utf8'));
		if (list.length) out[file.split('\\').join('/')] = list;
	}
	return out;
}
