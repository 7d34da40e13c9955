import { describe, expect, it } from 'vitest';
import { cursorFromUrl, cursorParam, pageFromUrl, pageInfo } from './pagination';

describe('pagination', () => {
	it('reads ?page=N, falling back to 1 for a missing or malformed value', () => {
		const u = (q: string) => new URL(`http://x/list${q}`);
		expect([pageFromUrl(u('')), pageFromUrl(u('?page=3')), pageFromUrl(u('?page=0')), pageFromUrl(u('?page=abc')), pageFromUrl(u('?page=1e99'))]).toEqual([1, 3, 1, 1, 1]);
	});

	it('clamps a page past the end to the last page and gives its offset', () => {
		expect(pageInfo(120, 2, 50)).toEqual({ page: 2, pages: 3, total: 120, offset: 50, size: 50 });
		expect(pageInfo(120, 9, 50)).toMatchObject({ page: 3, offset: 100 });
		expect(pageInfo(0, 1, 50)).toMatchObject({ page: 1, pages: 1, offset: 0 });
	});

	it('round-trips a keyset cursor and ignores a malformed one', () => {
		const c = { at: 1_760_000_000_000, id: '3f2a9c1e-0b7d-4e1a-9a55-2f6c1d0e8b11' };
		expect(cursorFromUrl(new URL(`http://x/?before=${cursorParam(c)}`))).toEqual(c);
		for (const bad of ['', 'x_y', '12', "1_a'b", '1_' + 'a'.repeat(65)]) expect(cursorFromUrl(new URL(`http://x/?before=${encodeURIComponent(bad)}`))).toBeNull();
	});
});
