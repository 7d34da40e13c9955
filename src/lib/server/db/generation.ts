// Read-mostly data (the live courses and scenarios every page lists) kept in memory until the database changes.
// "Changes" is judged by SQLite itself, on the connection, at the cost of two tiny statements:
// - `PRAGMA data_version` moves whenever another connection commits (another app process, the job process, a
//   script), and
// - `total_changes()` moves whenever this connection inserts, updates or deletes a row (even in a transaction that
//   later rolls back: the cache is then dropped for nothing, never kept stale).
// A GET makes no writes, so a page mix reads such data once; any write, anywhere, makes the next read go to the
// tables again. Nothing has to remember to invalidate it.
import type Database from 'better-sqlite3';
import { sqlite } from '$lib/server/db';

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
