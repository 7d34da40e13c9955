// messages/en.json is the source; every other language must have every key, with the same {placeholders}.
// A key missing in a language falls back to English (proven below on a compiled project), but shipped pages must
// have none missing: the first test lists them.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '@inlang/paraglide-js';
import { LOCALES, BASE_LOCALE } from '../../src/lib/i18n/locales';

const read = (locale: string): Record<string, string> => {
	const { $schema: _, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
	return messages;
};
const base = read(BASE_LOCALE);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(LOCALES.filter((l) => l !== BASE_LOCALE))('messages/%s.json', (locale) => {
	const messages = read(locale);

	it('has every key of the English file (missing keys are listed)', () => {
		const missing = Object.keys(base).filter((k) => !(k in messages) || messages[k].trim() === '');
		if (missing.length) console.log(`missing ${locale} keys (${missing.length}): ${missing.join(', ')}`);
		expect(missing).toEqual([]);
	});

	it('has no key the English file does not', () => {
		expect(Object.keys(messages).filter((k) => !(k in base))).toEqual([]);
	});

	it('uses the same placeholders as English in every message', () => {
		const wrong = Object.keys(messages)
			.filter((k) => k in base && placeholders(messages[k]).join() !== placeholders(base[k]).join())
			.map((k) => `${k}: ${placeholders(messages[k]).join()} ≠ ${placeholders(base[k]).join()}`);
		expect(wrong).toEqual([]);
	});
});

describe('message keys', () => {
	it('are snake_case identifiers (the compiler makes each a module and a function)', () => {
		expect(Object.keys(base).filter((k) => !/^[a-z][a-z0-9_]*$/.test(k))).toEqual([]);
	});
});

describe('a key missing in a language', () => {
	it('falls back to the English text in the compiled messages', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'callcraft-i18n-'));
		mkdirSync(join(dir, 'project.inlang'));
		mkdirSync(join(dir, 'messages'));
		writeFileSync(
			join(dir, 'project.inlang', 'settings.json'),
			JSON.stringify({
				baseLocale: 'en',
				locales: ['en', 'bn'],
				modules: [resolve('node_modules/@inlang/plugin-message-format/dist/index.js')],
				'plugin.inlang.messageFormat': { pathPattern: join(dir, 'messages', '{locale}.json') }
			})
		);
		writeFileSync(join(dir, 'messages', 'en.json'), JSON.stringify({ both: 'Both', only_en: 'Only in English {n}' }));
		writeFileSync(join(dir, 'messages', 'bn.json'), JSON.stringify({ both: 'দুটোই' }));
		await compile({ project: join(dir, 'project.inlang'), outdir: join(dir, 'out'), emitReadme: false });
		const compiled = await import(/* @vite-ignore */ pathToFileURL(join(dir, 'out', 'messages.js')).href);
		expect(compiled.m.both({}, { locale: 'bn' })).toBe('দুটোই');
		expect(compiled.m.only_en({ n: '৩' }, { locale: 'bn' })).toBe('Only in English ৩');
	});
});
