// Accounts, roles, sessions and cohorts: the foundation every feature builds on.
import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../../domain/roles';
import { LOCALES } from '../../../i18n/locales';

export const cohorts = sqliteTable(
	'cohorts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull().unique(),
		trainerId: integer('trainer_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	// A trainer's cohorts by name (their home page and trainee list, a page at a time).
	(t) => [index('cohorts_trainer_idx').on(t.trainerId, t.name)]
);

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		passwordHash: text('password_hash').notNull(),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
		cohortId: integer('cohort_id').references(() => cohorts.id, { onDelete: 'set null' }),
		/** Interface language chosen with the header switcher; null = follow the cookie / Accept-Language. */
		locale: text('locale', { enum: LOCALES }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('users_cohort_idx').on(t.cohortId),
		// Lists sorted by name (users, cohort members, the cohort page's trainee search: keyset pages by (name, id)).
		index('users_name_idx').on(t.name)
	]
);

export const userRoles = sqliteTable(
	'user_roles',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.role] }),
		// "Every trainee" subqueries (dashboards, call review, visible trainees) by role, not by scanning every user's roles.
		index('user_roles_role_idx').on(t.role, t.userId)
	]
);

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		renewedAt: integer('renewed_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	// sessions_expires_idx: the hourly sweep of expired sessions reads a range of it (auth/session-sweep.ts)
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

/** Named one-off start-up jobs (demo seeds) that must run once per database. */
export const seedRuns = sqliteTable('seed_runs', {
	name: text('name').primaryKey(),
	ranAt: integer('ran_at', { mode: 'timestamp_ms' }).notNull()
});
