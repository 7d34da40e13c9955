// Recorded calls: the trainee's spoken turns of a voice call, one row per turn, each an 8 kHz µ-law WAV file under
// the recordings directory (see $lib/server/recordings/store). The caller's lines are the call's timeline events.
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { calls } from './calls';

export const callRecordings = sqliteTable(
	'call_recordings',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		callId: text('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		/** The browser's id for the turn, so a retried upload is stored once. */
		clientId: text('client_id').notNull(),
		/** Milliseconds since the call was answered when the turn started (the timeline's clock). */
		t: integer('t').notNull(),
		/** Samples at 8 kHz (one byte each in the file after its header). */
		samples: integer('samples').notNull(),
		/** File name inside the call's recordings folder. */
		file: text('file').notNull(),
		bytes: integer('bytes').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('call_recordings_client_uq').on(t.callId, t.clientId), index('call_recordings_call_idx').on(t.callId, t.t)]
);
