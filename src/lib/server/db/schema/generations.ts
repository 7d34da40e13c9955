// Change counters kept by triggers (migration 0026): a count the database itself moves whenever a table an
// organisation-wide aggregate reads is written, by any connection, script or migration. `keptUntilChange` keeps such
// an aggregate in memory while its counter stands still.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const tableGenerations = sqliteTable('table_generations', {
	/** What moved: 'certificate_status' (certificates, who is an active trainee, retraining updates and notes, programmes). */
	name: text('name').primaryKey(),
	n: integer('n').notNull().default(0)
});

// Organisation-wide sums kept exact by triggers (migration 0027), so a page reads one row instead of summing a row per
// trainee.
export const organisationTotals = sqliteTable('organisation_totals', {
	/** 'calls_to_review': the sum of `trainee_call_stats.to_review` over every user who holds the trainee role. */
	name: text('name').primaryKey(),
	n: integer('n').notNull().default(0)
});
