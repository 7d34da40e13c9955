// drizzle prepares a statement for every query; the app's connection keeps compiled statements by SQL text.
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '$lib/server/db';

const items = sqliteTable('items', { id: integer('id').primaryKey(), name: text('name').notNull() });

function fresh() {
	const raw = new Database(':memory:');
	raw.exec("create table items (id integer primary key, name text not null); insert into items values (1, 'a'), (2, 'b'), (3, 'c')");
	return { raw, client: withStatementCache(raw, 2).client };
}

describe('the statement cache', () => {
	it('hands out one compiled statement per SQL text, in its default row mode even after a raw read', () => {
		const { client } = fresh();
		const first = client.prepare('select * from items where id = ?');
		first.raw();
		expect(first.get(1)).toEqual([1, 'a']);
		const again = client.prepare('select * from items where id = ?');
		expect(again).toBe(first);
		expect(again.get(2)).toEqual({ id: 2, name: 'b' });
	});

	it('prepares a fresh statement when the kept one is still iterating, and keeps at most its capacity', () => {
		const { client } = fresh();
		const text = 'select id from items order by id';
		const outer = client.prepare(text);
		const seen: number[][] = [];
		for (const row of outer.iterate() as IterableIterator<{ id: number }>) {
			const inner = client.prepare(text);
			expect(inner).not.toBe(outer);
			seen.push([row.id, ...inner.all().map((r) => (r as { id: number }).id)]);
		}
		expect(seen).toEqual([
			[1, 1, 2, 3],
			[2, 1, 2, 3],
			[3, 1, 2, 3]
		]);
		expect(client.prepare(text)).toBe(outer); // done iterating: the kept one again
		client.prepare('select 1');
		client.prepare('select 2'); // capacity 2: the oldest (the items query) is dropped
		expect(client.prepare(text)).not.toBe(outer);
	});

	it('gives drizzle the same answers as without it: objects, mapped rows, writes and transactions', () => {
		const { client } = fresh();
		const db = drizzle(client);
		for (let round = 0; round < 3; round++) {
			expect(db.select().from(items).where(sql`${items.id} = ${2}`).get()).toEqual({ id: 2, name: 'b' });
			expect(db.all(sql`select name from items where id = ${1}`)).toEqual([{ name: 'a' }]);
			expect(db.select({ n: items.name }).from(items).all().map((r) => r.n)).toEqual(['a', 'b', 'c']);
		}
		db.transaction((tx) => {
			tx.update(items).set({ name: 'B' }).where(sql`${items.id} = ${2}`).run();
		});
		expect(() =>
			db.transaction((tx) => {
				tx.update(items).set({ name: 'lost' }).where(sql`${items.id} = ${3}`).run();
				throw new Error('roll back');
			})
		).toThrow('roll back');
		expect(db.select({ n: items.name }).from(items).all().map((r) => r.n)).toEqual(['a', 'B', 'c']);
	});
});
