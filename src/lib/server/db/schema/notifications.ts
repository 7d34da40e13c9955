// In-app notifications, the e-mail outbox (claimed rows, retried with back-off) and per-kind e-mail opt-outs.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';
import { EMAIL_STATES, NOTIFICATION_KINDS } from '../../../domain/notifications/notifications';

export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		href: text('href'),
		/** What the notification is about (e.g. `assignment:12:due`): a second insert with the same key is a no-op. */
		dedupeKey: text('dedupe_key').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey, t.userId), index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]
);

/**
 * E-mails to send. A sender claims rows (state 'sending', its id, a lease) in one UPDATE, so two app processes never
 * hold the same row; a row whose lease ran out (the process stopped mid-send) is claimed again, so none is lost.
 */
export const emailOutbox = sqliteTable(
	'email_outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		notificationId: integer('notification_id')
			.notNull()
			.unique()
			.references(() => notifications.id, { onDelete: 'cascade' }),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		state: text('state', { enum: EMAIL_STATES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		claimedBy: text('claimed_by'),
		claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('email_outbox_due_idx').on(t.state, t.nextAttemptAt)]
);

/** Kinds a user does not want by e-mail (they still appear in the app). */
export const emailOptOuts = sqliteTable(
	'email_opt_outs',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);
