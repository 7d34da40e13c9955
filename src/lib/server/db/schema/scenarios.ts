// Call scenarios: every version of a scenario's YAML (imported from content/scenarios or saved in the browser
// editor), which version the simulator uses, and who besides the owner may edit it.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** Where a version came from: content/scenarios at start-up, or the trainer's editor. */
export const SCENARIO_VERSION_SOURCES = ['content', 'editor'] as const;
export type ScenarioVersionSource = (typeof SCENARIO_VERSION_SOURCES)[number];

export const scenarios = sqliteTable('scenarios', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	/** The version the simulator plays; null until one is published. */
	publishedVersionId: integer('published_version_id'),
	/** Owner: the trainer who created it in the browser; null for scenarios from content/ (no trainer owns them). */
	createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export const scenarioVersions = sqliteTable(
	'scenario_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenarios.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		source: text('source', { enum: SCENARIO_VERSION_SOURCES }).notNull(),
		/** sha-256 of the YAML, first 16 hex digits: the same text always has the same hash */
		contentHash: text('content_hash').notNull(),
		title: text('title').notNull(),
		difficulty: text('difficulty').notNull(),
		yaml: text('yaml').notNull(),
		note: text('note'),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		/** When it was last made the published version */
		publishedAt: integer('published_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('scenario_versions_number_idx').on(t.scenarioId, t.number),
		index('scenario_versions_scenario_idx').on(t.scenarioId)
	]
);

/** Trainers allowed to edit a scenario they do not own (admins may edit everything). */
export const scenarioGrants = sqliteTable(
	'scenario_grants',
	{
		scenarioId: integer('scenario_id')
			.notNull()
			.references(() => scenarios.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		grantedBy: integer('granted_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.scenarioId, t.userId] })]
);
