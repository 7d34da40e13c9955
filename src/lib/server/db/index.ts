// The one SQLite connection (WAL), migrated on first import. DATABASE_PATH picks the file.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { building } from '$app/environment';

export const databasePath = building ? ':memory:' : resolve(process.env.DATABASE_PATH ?? 'data/callcraft.db');
if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });

function megabytesFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0 || n > 65_536) throw new Error(`${name} must be a whole number of MB from 0 to 65536 (got "${raw}")`);
	return n;
}

export const sqlite = new Database(databasePath);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('foreign_keys = ON');
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('synchronous = NORMAL');
// Page cache and memory-mapped reads, off SQLite's defaults only when asked (docs/scale.md#sqlite-settings: 64 MB
// and 256 MB were not measurably faster on the seeded organisation and cost ~60 MB more RSS): SQLITE_CACHE_MB
// (default 2, SQLite's) per connection, SQLITE_MMAP_MB (default 0: off) of the file mapped. Temporary sort tables
// live in memory.
sqlite.pragma(`cache_size = -${megabytesFromEnv('SQLITE_CACHE_MB', 2) * 1024}`);
sqlite.pragma(`mmap_size = ${megabytesFromEnv('SQLITE_MMAP_MB', 0) * 1024 * 1024}`);
sqlite.pragma('temp_store = MEMORY');

export const db = drizzle(sqlite);

if (!building) migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'drizzle') });

/**
 * Keeps the query planner's statistics (sqlite_stat1) in step with the data: `PRAGMA optimize` re-runs ANALYZE, with
 * a temporary analysis limit so it takes milliseconds on a multi-GB file, on the tables that grew or shrank a lot
 * since they were last analysed (0x10000: every table, not only those this connection used). Statistics taken when a
 * table was small make SQLite scan it later (seen: programme_progress analysed at 12 rows, scanned at 3,920 on every
 * trainer home), and no statistics at all is fine; stale ones are the danger. Run at open and every hour.
 */
export function refreshPlannerStatistics(): void {
	sqlite.pragma('optimize=0x10012');
}

const STATISTICS_EVERY_MS = 60 * 60_000;
if (!building) {
	refreshPlannerStatistics();
	setInterval(() => {
		try {
			refreshPlannerStatistics();
		} catch (err) {
			console.error('planner statistics refresh failed', err);
		}
	}, STATISTICS_EVERY_MS).unref();
}

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
