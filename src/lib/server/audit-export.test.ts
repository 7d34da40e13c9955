// The audit CSV download streams keyset-paginated batches: a large log comes out complete, in order, with the
// same bytes as the one-string export, and every batch query walks the (at, id) index.
import { describe, expect, it } from 'vitest';
import { db, sqlite } from './db';
import { users } from './db/schema/users';
import { recordAudit } from './audit';
import { auditCsv, auditCsvBatches, auditCsvStream } from './audit-log';
import { auditFilterFromUrl } from '$lib/schemas/audit';

const admin = db.insert(users).values({ email: 'big@example.test', name: 'Bea Big', passwordHash: 'x', createdAt: new Date() }).returning().get().id;
const N = 2_503;
const base = Date.parse('2026-01-01T00:00:00Z');
// runs of equal timestamps (5 entries per millisecond) cross batch borders: the tie-break on id must not drop or repeat any
sqlite.transaction(() => {
	for (let i = 0; i < N; i++) recordAudit({ actorId: i % 3 ? admin : null, action: 'user.update', entityType: 'user', entityId: i, after: { i } }, new Date(base + Math.floor(i / 5)));
})();

const all = auditFilterFromUrl(new URL('http://x/admin/audit/export')).filter;

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
	// the bytes as downloaded (Response.text() would drop the BOM)
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe('audit CSV export of a large log', () => {
	it('streams every entry exactly once, oldest first, the same bytes as the whole-string export', async () => {
		const streamed = await text(auditCsvStream(all, 97));
		expect(streamed).toBe(auditCsv(all));
		const lines = streamed.split('\r\n').filter(Boolean);
		expect(lines).toHaveLength(N + 1);
		const ids = lines.slice(1).map((l) => Number(l.split(',')[5]));
		expect(ids).toEqual(Array.from({ length: N }, (_, i) => i));
		expect(lines[1]).toMatch(/^2026-01-01T00:00:00\.000Z,system,,user\.update,user,0,/);
		expect(lines[2]).toContain(',Bea Big,');
	});

	it('holds one batch at a time and keeps filters across batches', () => {
		const sizes = [...auditCsvBatches(all, 1000)].map((b) => b.length);
		expect(sizes).toEqual([1000, 1000, 503]);
		const system = auditFilterFromUrl(new URL('http://x/admin/audit/export?entityId=2502')).filter;
		expect([...auditCsvBatches(system, 1)].flat()).toHaveLength(1);
	});

	it('each batch query uses the at index for the keyset, not a scan and sort', () => {
		const plan = sqlite
			.prepare('EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE (at > ? OR (at = ? AND id > ?)) ORDER BY at, id LIMIT 1000')
			.all(base, base, 10)
			.map((r) => (r as { detail: string }).detail)
			.join('\n');
		expect(plan).toContain('audit_at_idx');
		expect(plan).not.toContain('TEMP B-TREE');
	});
});
