// The one SQLite connection (WAL), migrated on first import. DATABASE_PATH picks the file.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { building } from '$app/environment';
import { remember } from '$lib/server/bounded-map';
import { forgetLazyValues } from '$lib/server/db/lazy';

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

/**
 * The connection drizzle runs queries on: the same SQLite connection, with its compiled statements kept by SQL text.
 * drizzle prepares a new statement for every query it runs, and SQLite compiling it was 7 % of the server's time in
 * the trainee page mix; a page's queries are the same texts each time. Bounded (least recently used dropped). A kept
 * statement is handed out in its default row mode (drizzle switches it to raw arrays for some reads); one that is
 * still running (an iteration) is not shared: a fresh one is prepared.
 */
export function withStatementCache(client: Database.Database, capacity = 1000): { client: Database.Database; clear: () => void } {
	const kept = new Map<string, Database.Statement>();
	const prepare = (source: string): Database.Statement => {
		const statement = kept.get(source);
		if (statement?.busy) return client.prepare(source);
		if (statement?.reader) statement.raw(false);
		return remember(kept, source, statement ?? client.prepare(source), capacity);
	};
	const cached = new Proxy(client, {
		get(target, property) {
			if (property === 'prepare') return prepare;
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	return { client: cached, clear: () => kept.clear() };
}

const statements = withStatementCache(sqlite);
export const db = drizzle(statements.client);

/** Forget the kept statements and the ones prepared once (tests that watch `sqlite.prepare` see every statement prepared again). */
export function clearStatementCache(): void {
	statements.clear();
	forgetLazyValues();
}

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
