// Assignments: a course, scenario or programme a trainer or admin asks a cohort (all of it or some of its trainees)
// to finish by a due date. Progress is not stored: it is counted from calls, course completions and certificates.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cohorts, users } from './users';
import { ASSIGNMENT_KINDS, ASSIGNMENT_REASONS, SCENARIO_MODES } from '../../../domain/assignments/assignments';

export const assignments = sqliteTable(
	'assignments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		cohortId: integer('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		/** true: every trainee of the cohort, now and later; false: only those in assignment_trainees. */
		wholeCohort: integer('whole_cohort', { mode: 'boolean' }).notNull(),
		kind: text('kind', { enum: ASSIGNMENT_KINDS }).notNull(),
		/** Course, scenario or programme slug. */
		refSlug: text('ref_slug').notNull(),
		/** Scenarios only. */
		mode: text('mode', { enum: SCENARIO_MODES }),
		minScore: integer('min_score'),
		callCount: integer('call_count'),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		reason: text('reason', { enum: ASSIGNMENT_REASONS }).notNull().default('assigned'),
		note: text('note').notNull().default(''),
		/** Retraining assignments: the "what changed" note (retraining_notes.id) they come from. */
		retrainingNoteId: integer('retraining_note_id'),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('assignments_cohort_idx').on(t.cohortId, t.dueAt)]
);

/** The trainees an assignment names when it is not for the whole cohort. */
export const assignmentTrainees = sqliteTable(
	'assignment_trainees',
	{
		assignmentId: integer('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.assignmentId, t.userId] }), index('assignment_trainees_user_idx').on(t.userId)]
);
