// `column IN (…ids)` with the ids as one JSON-array parameter: drizzle builds the same short SQL text for any number
// of ids (building an IN list costs per id, 15 % of the trainer home's server time with 100 trainees), SQLite's
// statement cache keeps one compiled statement for it, and there is no limit on how many ids. SQLite reads the list
// as a subquery and searches the column's index once per id, as it does for an IN list (plans tested where used).
// In a prepared statement, pass a placeholder and give it `JSON.stringify(ids)` when running it.
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

export function inIds(column: SQLiteColumn, ids: readonly (number | string)[] | Placeholder): SQL {
	const list = Array.isArray(ids) ? JSON.stringify(ids) : ids;
	return sql`${column} in (select value from json_each(${list}))`;
}
