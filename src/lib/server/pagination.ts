// Pagination of the lists that grow with the organisation: numbered pages (limit/offset, for lists sorted by name)
// and keyset cursors (for lists sorted newest first, so a page is one index range however deep it is). Both read
// plain query parameters, so the links work without JavaScript; a malformed value means the first page.
import { z } from 'zod';

export const PAGE_SIZE = 50;

const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** `?page=N`, or another parameter's number when one page has two lists (1 when missing or malformed). */
export function pageFromUrl(url: URL, name = 'page'): number {
	return pageNumber.parse(url.searchParams.get(name) ?? 1);
}

export interface PageInfo {
	page: number;
	pages: number;
	total: number;
	offset: number;
	size: number;
}

/** The page to show (a page past the end shows the last one) and its offset. */
export function pageInfo(total: number, page: number, size = PAGE_SIZE): PageInfo {
	const pages = Math.max(1, Math.ceil(total / size));
	const p = Math.min(Math.max(1, page), pages);
	return { page: p, pages, total, offset: (p - 1) * size, size };
}

/** A newest-first cursor: the sort time (ms) and id of the last row shown, as `?before=<ms>_<id>`. */
export interface Cursor {
	at: number;
	id: string;
}
const CURSOR = /^(\d{1,15})_([A-Za-z0-9-]{1,64})$/;

export function cursorFromUrl(url: URL, name = 'before'): Cursor | null {
	const m = CURSOR.exec(url.searchParams.get(name) ?? '');
	return m ? { at: Number(m[1]), id: m[2] } : null;
}

export function cursorParam(c: Cursor): string {
	return `${c.at}_${c.id}`;
}
