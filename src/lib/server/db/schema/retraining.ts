// Retraining on change: a significant republish of a course or scenario stores a "what changed" note, and every
// holder of a certificate that depends on it gets a retraining due date (the certificate shows "update due").
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';
import { certificates } from './certification';
import { assignments } from './assignments';
import type { ChangeItem } from '../../../domain/retraining/what-changed';

export const RETRAINING_SUBJECTS = ['course', 'scenario'] as const;

export const retrainingNotes = sqliteTable(
	'retraining_notes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: RETRAINING_SUBJECTS }).notNull(),
		refSlug: text('ref_slug').notNull(),
		/** The course or scenario title of the new version. */
		title: text('title').notNull(),
		fromVersion: integer('from_version'),
		toVersion: integer('to_version').notNull(),
		changes: text('changes', { mode: 'json' }).$type<ChangeItem[]>().notNull(),
		/** Courses: lesson slugs to read again. */
		lessons: text('lessons', { mode: 'json' }).$type<string[]>().notNull(),
		/** Scenarios: a completed call since the note scoring at least this counts as retrained. */
		minScore: integer('min_score').notNull().default(0),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('retraining_notes_ref_idx').on(t.kind, t.refSlug)]
);

/** A certificate whose holder must retrain after a note; `doneAt` is set once the retraining is seen done. */
export const certificateUpdates = sqliteTable(
	'certificate_updates',
	{
		certificateId: integer('certificate_id')
			.notNull()
			.references(() => certificates.id, { onDelete: 'cascade' }),
		noteId: integer('note_id')
			.notNull()
			.references(() => retrainingNotes.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The retraining assignment in the holder's cohort (null for a holder without a cohort). */
		assignmentId: integer('assignment_id').references(() => assignments.id, { onDelete: 'set null' }),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		doneAt: integer('done_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.certificateId, t.noteId] }),
		index('certificate_updates_user_idx').on(t.userId, t.doneAt),
		// The next moment a certificate may lapse (keptUntilChange's time limit for the certificate status counts).
		index('certificate_updates_due_idx').on(t.dueAt)
	]
);

/** Lessons a holder opened again after a course note (lesson_reads keeps only the first read). */
export const retrainingReads = sqliteTable(
	'retraining_reads',
	{
		noteId: integer('note_id')
			.notNull()
			.references(() => retrainingNotes.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonSlug: text('lesson_slug').notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.noteId, t.userId, t.lessonSlug] })]
);
