// The one SQLite connection (WAL), migrated on first import. DATABASE_PATH picks the file.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { building } from '$app/environment';

export const databasePath = building ? ':memory:' : resolve(process.env.DATABASE_PATH ?? 'data/callcraft.db');
if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });

export const sqlite = new Database(databasePath);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('foreign_keys = ON');
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('synchronous = NORMAL');

export const db = drizzle(sqlite);

if (!building) migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'drizzle') });

export type Db = typeof db;

export function isDatabaseReachable(): boolean {
	try {
		return sqlite.prepare('select 1 as ok').get() !== undefined;
	} catch {
		return false;
	}
}

let closed = false;
export function closeDatabase(): void {
	if (closed) return;
	closed = true;
	try {
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
	} catch {
		/* closing anyway */
	}
	sqlite.close();
}
