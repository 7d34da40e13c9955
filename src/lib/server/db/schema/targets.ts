// Monthly cohort targets (set by the cohort's trainer or an admin) and the per-trainee monthly call aggregates the
// progress counters and trend read, so dashboards never read calls' JSON.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cohorts, users } from './users';

/** One row per cohort and month (YYYY-MM); a target left empty is not set. */
export const cohortTargets = sqliteTable(
	'cohort_targets',
	{
		cohortId: integer('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		assessmentCalls: integer('assessment_calls'),
		recordAccuracy: integer('record_accuracy'),
		certificates: integer('certificates'),
		setBy: integer('set_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.month] })]
);

/**
 * Per trainee and month (of the call's end, UTC): completed scored assessment calls, and the record-accuracy section
 * sums of all completed scored calls. Rewritten for the trainee with trainee_call_stats (refreshCallStats).
 */
export const traineeMonthStats = sqliteTable(
	'trainee_month_stats',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		assessmentCalls: integer('assessment_calls').notNull(),
		accuracySum: real('accuracy_sum').notNull(),
		accuracyN: integer('accuracy_n').notNull()
	},
	// By month: the admin home reads one month for every trainee.
	(t) => [primaryKey({ columns: [t.userId, t.month] }), index('trainee_month_stats_month_idx').on(t.month, t.userId, t.assessmentCalls)]
);
