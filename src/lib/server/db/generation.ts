// Read-mostly data (the live courses and scenarios every page lists) kept in memory until the database changes.
// "Changes" is judged by SQLite itself, on the connection, at the cost of two tiny statements:
// - `PRAGMA data_version` moves whenever another connection commits (another app process, the job process, a
//   script), and
// - `total_changes()` moves whenever this connection inserts, updates or deletes a row (even in a transaction that
//   later rolls back: the cache is then dropped for nothing, never kept stale).
// A GET makes no writes, so a page mix reads such data once; any write, anywhere, makes the next read go to the
// tables again. Nothing has to remember to invalidate it.
// Aggregates over the whole organisation that pages show while other users write all the time (the admin home's
// certificate figures) are kept by a narrower test, `keptUntilChange`: a counter that triggers move only on writes
// to the tables they read, plus the moment they would change by time alone.
import type Database from 'better-sqlite3';
import { sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';

function generationOf(client: Database.Database): () => string {
	const dataVersion = client.prepare('PRAGMA data_version').pluck();
	const changes = client.prepare('SELECT total_changes()').pluck();
	return () => `${dataVersion.get()}:${changes.get()}`;
}

/**
 * `read()`'s answer, read again only after something was written to the database. Hand out copies or frozen values:
 * every caller gets the same object until then.
 */
export function untilDatabaseChanges<T>(read: () => T, client: () => Database.Database = () => sqlite): () => T {
	let generation: (() => string) | null = null;
	let seen: string | null = null;
	let value: T;
	return () => {
		generation ??= generationOf(client());
		const now = generation();
		if (now !== seen) {
			value = read();
			seen = now;
		}
		return value;
	};
}

const generationNamed = lazy(() => sqlite.prepare('SELECT n FROM table_generations WHERE name = ?').pluck());

/**
 * `read(now)`'s answer kept while (1) the named counter of `table_generations` stands still (triggers move it on every
 * write to the tables the answer reads, from any connection; migration 0026) and (2) the clock has not reached the
 * moment `read` named as the first at which its answer could change by time alone, nor gone back before the moment it
 * was read for. One primary-key read per call while kept. The counter is read before `read` runs, so a write that
 * lands in between makes the next call read again (never kept stale). Nothing read inside a transaction is kept: a
 * rollback could bring the counter back to a value it gave to data that then vanished. `clearStatementCache` forgets
 * what is kept (tests that record statements see the whole read).
 */
export function keptUntilChange<T>(name: string, read: (now: Date) => { value: T; changesAt: number }): (now: Date) => T {
	const slot = lazy((): { kept: { generation: number; from: number; until: number; value: T } | null } => ({ kept: null }));
	return (now) => {
		const t = now.getTime();
		const generation = generationNamed().get(name) as number | undefined;
		if (generation === undefined) throw new Error(`table_generations has no counter named ${name}`);
		const { kept } = slot();
		if (kept && kept.generation === generation && kept.from <= t && t < kept.until) return kept.value;
		const { value, changesAt } = read(now);
		slot().kept = sqlite.inTransaction ? null : { generation, from: t, until: changesAt, value };
		return value;
	};
}

/**
 * Answers that depend on the database alone, not on the clock (a past month's figure), kept per key while the named
 * counter stands still: `(key, read)` returns the answer kept for `key` at the current counter, or reads it. Like
 * `keptUntilChange`: the counter is read before `read` runs, and nothing read inside a transaction is kept. At most
 * `maxEntries` answers are kept (the oldest goes first); a moved counter drops them all.
 */
export function keptPerKeyUntilChange<T>(name: string, maxEntries: number): (key: string, read: () => T) => T {
	const slot = lazy((): { generation: number | null; kept: Map<string, T> } => ({ generation: null, kept: new Map() }));
	return (key, read) => {
		const generation = generationNamed().get(name) as number | undefined;
		if (generation === undefined) throw new Error(`table_generations has no counter named ${name}`);
		const state = slot();
		if (state.generation !== generation) {
			state.kept.clear();
			state.generation = generation;
		}
		if (state.kept.has(key)) return state.kept.get(key)!;
		const value = read();
		if (!sqlite.inTransaction) {
			if (state.kept.size >= maxEntries) state.kept.delete(state.kept.keys().next().value!);
			state.kept.set(key, value);
		}
		return value;
	};
}
