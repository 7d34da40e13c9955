// Certification programmes (admin-defined rules) and the certificates issued against them.
import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ProgrammeRules } from '../../../domain/certification/rules';
import { users } from './users';

export const programmes = sqliteTable('cert_programmes', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	description: text('description').notNull().default(''),
	rules: text('rules', { mode: 'json' }).$type<ProgrammeRules>().notNull(),
	/** Bumped on every rule change; certificates remember the version they were issued under. */
	version: integer('version').notNull().default(1),
	/** Days holders get to retrain after a significant change of a course or scenario the programme requires. */
	retrainingDays: integer('retraining_days').notNull().default(30),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const certificates = sqliteTable(
	'certificates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Public, unguessable verification code (160 random bits, base32). */
		code: text('code').notNull().unique(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		programmeId: integer('programme_id')
			.notNull()
			.references(() => programmes.id),
		/** 1 for the first certificate, 2 for the first re-certification, … */
		cycle: integer('cycle').notNull(),
		programmeVersion: integer('programme_version').notNull(),
		/** Snapshots printed on the certificate, so later renames do not rewrite history. */
		holderName: text('holder_name').notNull(),
		programmeTitle: text('programme_title').notNull(),
		issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		revokedReason: text('revoked_reason'),
		revokedBy: integer('revoked_by').references(() => users.id)
	},
	(t) => [
		// Makes concurrent issuance safe: a second insert for the same trainee, programme and cycle is a no-op.
		uniqueIndex('certificates_user_programme_cycle').on(t.userId, t.programmeId, t.cycle),
		index('certificates_expires_idx').on(t.expiresAt),
		// newest-first lists and the keyset-paginated export
		index('certificates_issued_idx').on(t.issuedAt)
	]
);

/**
 * Each trainee's evaluation of each programme (ProgrammeEvaluation JSON), stored whenever evidence, rules or
 * certificates change (after issuing), so dashboards and the progress export read one row per trainee × programme
 * instead of every call. `staleAt` is the next moment time alone changes it (a held certificate's renewal window
 * opens or it expires); a row past it, or of an older programme version, is evaluated again when read.
 */
export const programmeProgress = sqliteTable(
	'programme_progress',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		programmeId: integer('programme_id')
			.notNull()
			.references(() => programmes.id, { onDelete: 'cascade' }),
		programmeVersion: integer('programme_version').notNull(),
		evaluation: text('evaluation').notNull(),
		// The evaluation's fields that lists and exports show, written with it (storeProgress) so that a list of many
		// trainees reads narrow columns instead of parsing each evaluation: its state, counter, current certificate's
		// status, and its unmet requirements (a JSON array of the items, without the qualifying calls' ids).
		state: text('state').notNull().default('in-progress'),
		done: integer('done').notNull().default(0),
		required: integer('required').notNull().default(0),
		status: text('status'),
		unmet: text('unmet').notNull().default('[]'),
		staleAt: integer('stale_at', { mode: 'timestamp_ms' }),
		evaluatedAt: integer('evaluated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.programmeId] })]
);
