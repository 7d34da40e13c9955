// Rate-limit hits kept in SQLite (sign-in failures), so a lock-out survives a restart. Each key keeps at most
// its limit of recent hits; older ones are pruned as new ones arrive.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const rateLimitHits = sqliteTable(
	'rate_limit_hits',
	{
		/** Which limiter: 'login'. */
		bucket: text('bucket').notNull(),
		/** sha-256 of the key (e.g. `acct:<e-mail>`), so no e-mail or address is stored in clear. */
		keyHash: text('key_hash').notNull(),
		/** Epoch milliseconds of the hit. */
		at: integer('at').notNull()
	},
	(t) => [index('rate_limit_hits_key_idx').on(t.bucket, t.keyHash, t.at), index('rate_limit_hits_at_idx').on(t.bucket, t.at)]
);
