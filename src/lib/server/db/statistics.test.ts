// Planner statistics that went stale as a table grew make SQLite scan it; refreshPlannerStatistics (run at open and
// hourly) re-analyses such tables, so the planner searches the index again.
import { describe, expect, it } from 'vitest';
import { refreshPlannerStatistics, sqlite } from '$lib/server/db';

const plan = (sql: string, ...params: unknown[]) =>
	sqlite
		.prepare(`explain query plan ${sql}`)
		.all(...params)
		.map((r) => (r as { detail: string }).detail)
		.join('; ');

describe('planner statistics', () => {
	it('re-analyses a table analysed when it was small, so an id list searches its key instead of scanning it', () => {
		sqlite.exec('create table stats_probe (owner integer not null, kind integer not null, body text not null, primary key (owner, kind))');
		const insert = sqlite.prepare('insert into stats_probe values (?, ?, ?)');
		for (let i = 0; i < 6; i++) insert.run(i, 1, 'x');
		sqlite.exec('analyze stats_probe');
		sqlite.transaction(() => {
			for (let i = 6; i < 20_000; i++) for (const k of [1, 2]) insert.run(i, k, 'a longer body '.repeat(10));
		})();
		const ids = Array.from({ length: 40 }, (_, i) => i * 13);
		const query = `select * from stats_probe where owner in (${ids.map(() => '?').join(',')})`;
		expect(plan(query, ...ids)).toMatch(/SCAN stats_probe/); // what the stale statistics made the planner do
		refreshPlannerStatistics();
		expect(sqlite.prepare("select stat from sqlite_stat1 where tbl = 'stats_probe'").get()).toMatchObject({ stat: expect.stringMatching(/^39\d{3} /) });
		expect(plan(query, ...ids)).toMatch(/SEARCH stats_probe USING INDEX sqlite_autoindex_stats_probe_1 \(owner=\?\)/);
		sqlite.exec('drop table stats_probe');
	});
});
