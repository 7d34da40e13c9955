// The read-mostly cache asks SQLite whether anything was written since it last read.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { untilDatabaseChanges } from './generation';

const dirs: string[] = [];
const open: Database.Database[] = [];
afterEach(() => {
	for (const c of open.splice(0)) c.close();
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Two connections to one WAL file, as two app processes (or the app and its job process) have. */
function twoConnections() {
	const dir = mkdtempSync(join(tmpdir(), 'callcraft-generation-'));
	dirs.push(dir);
	const app = new Database(join(dir, 'db.sqlite'));
	app.pragma('journal_mode = WAL');
	app.exec("create table items (id integer primary key, name text not null); insert into items values (1, 'a'), (2, 'b')");
	const other = new Database(join(dir, 'db.sqlite'));
	open.push(app, other);
	let reads = 0;
	const names = untilDatabaseChanges(() => {
		reads++;
		return app.prepare('select name from items order by id').pluck().all() as string[];
	}, () => app);
	return { app, other, names, reads: () => reads };
}

describe('untilDatabaseChanges', () => {
	it('reads once while nothing is written, however often it is asked', () => {
		const { names, reads, app } = twoConnections();
		expect(names()).toEqual(['a', 'b']);
		expect(names()).toEqual(['a', 'b']);
		app.prepare('select count(*) from items').get(); // a read is not a change
		expect(names()).toEqual(['a', 'b']);
		expect(reads()).toBe(1);
	});

	it('reads again after a write on its own connection', () => {
		const { names, reads, app } = twoConnections();
		names();
		app.prepare("update items set name = 'A' where id = 1").run();
		expect(names()).toEqual(['A', 'b']);
		app.prepare("insert into items values (3, 'c')").run();
		expect(names()).toEqual(['A', 'b', 'c']);
		expect(reads()).toBe(3);
	});

	it('reads again after another connection (another process) commits', () => {
		const { names, reads, other } = twoConnections();
		names();
		other.prepare('delete from items where id = 2').run();
		expect(names()).toEqual(['a']);
		expect(names()).toEqual(['a']);
		expect(reads()).toBe(2);
	});

	it('is never left stale by a transaction that rolled back', () => {
		const { names, app } = twoConnections();
		names();
		const failing = app.transaction(() => {
			app.prepare("update items set name = 'x'").run();
			throw new Error('no');
		});
		expect(() => failing()).toThrow('no');
		expect(names()).toEqual(['a', 'b']);
	});
});
