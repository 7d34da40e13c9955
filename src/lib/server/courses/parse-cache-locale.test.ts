// parseFiles caches a course's parse by content hash; its issues are worded in the language of whoever checked the
// files first, so the cache is kept per language: a draft's problems must not reach the next reader in the first
// reader's language.
import { describe, expect, it } from 'vitest';
import { parseFiles } from './versions';
import { inLocale } from '$lib/server/in-locale';

const files = {
	'course.md': '---\ntitle: Cache\nsummary: S\nlevel: beginner\nminutes: 5\nprerequisites: []\npassMark: 80\npasMark: 70\n---\nIntro.\n',
	'01-a.md': '---\ntitle: A\nminutes: 5\n---\nText.\n'
};

describe('parseFiles cache and the reader’s language', () => {
	it('words the same draft’s issues in Bengali for a Bengali reader after an English one read them, and back', () => {
		const english = () => parseFiles('01-cache', files).issues.map((i) => i.message);
		const bengali = () => inLocale('bn', () => parseFiles('01-cache', files).issues.map((i) => i.message));
		expect(english()).toEqual(['unknown field "pasMark"']);
		expect(bengali()).toEqual(['অজানা ফিল্ড "pasMark"']);
		expect(english()).toEqual(['unknown field "pasMark"']);
	});
});
