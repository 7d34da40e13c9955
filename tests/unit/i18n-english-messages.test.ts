// A ratchet on English messages handed to the reader from code: error()/fail() bodies, `message:`/`error:` fields
// and zod checks with a text message. A file not in ENGLISH_MESSAGES_ALLOWED must have none (word it through
// Paraglide: `{ error: () => m.key() }`, see docs/i18n.md); a listed file's count is exact and may only go down.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { englishMessagesByFile, findEnglishMessages } from '../i18n/english-messages';
import { ENGLISH_MESSAGES_ALLOWED } from '../i18n/english-messages-allowlist';

const found = englishMessagesByFile();

describe('English messages in code', () => {
	it('are found in their usual shapes, and lookups, codes and comments are not', () => {
		const sample = `import { m } from '$lib/paraglide/messages';
const a = z.string().min(1, 'Enter a name.').max(80, { error: () => m.form_max_chars({ max: '80' }) });
const b = z.enum(ROLES, 'Choose roles from the list.');
error(404, { message: 'No such lesson here', code: 'not_found' });
return fail(400, { errors: { text: \`Type a sentence, \${name}.\` }, values });
ctx.addIssue({ code: 'custom', message: 'is a dead end' });
const c = integerText('Choose an assignment from the list.').pipe(z.number().regex(/^(a|b)$/, 'Use a or b please'));
// message: 'a comment that names the pattern'
const d = z.literal('Call back later'); const e = z.string().regex(/^[a-z-]+$/); error(404, { message: m.srv_no_scenario(), code: 'not_found' });
const f = { message: 'badge-success' };`;
		expect(findEnglishMessages(sample)).toEqual([
			{ line: 2, text: 'Enter a name.' },
			{ line: 3, text: 'Choose roles from the list.' },
			{ line: 4, text: 'No such lesson here' },
			{ line: 5, text: 'Type a sentence, ${name}.' },
			{ line: 6, text: 'is a dead end' },
			{ line: 7, text: 'Choose an assignment from the list.' },
			{ line: 7, text: 'Use a or b please' }
		]);
	});

	it('are absent from every file not allowlisted', () => {
		const offenders = Object.entries(found)
			.filter(([file]) => !(file in ENGLISH_MESSAGES_ALLOWED))
			.map(([file, list]) => `${file}: ${list.map((f) => `${f.line} “${f.text}”`).join(', ')}`);
		expect(offenders, 'word these through Paraglide ({ error: () => m.key() }) with en and bn texts').toEqual([]);
	});

	it('only decrease in allowlisted files (lower the count, or remove the entry, after converting)', () => {
		const counts = Object.fromEntries(Object.keys(ENGLISH_MESSAGES_ALLOWED).map((file) => [file, found[file]?.length ?? 0]));
		expect(counts).toEqual(Object.fromEntries(Object.entries(ENGLISH_MESSAGES_ALLOWED).map(([file, { count }]) => [file, count])));
	});

	it('are allowlisted only for files that exist, each with a one-line reason', () => {
		const bad = Object.entries(ENGLISH_MESSAGES_ALLOWED).filter(
			([file, { count, reason }]) => !existsSync(file) || count <= 0 || reason.trim().length < 15 || reason.includes('\n') || reason.startsWith('TODO')
		);
		expect(bad).toEqual([]);
	});
});
