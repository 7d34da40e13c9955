// Mock calls: one row per practice call, its single event timeline, the CRM record the trainee keeps
// while talking, and the trainer's review (comments, section-score overrides with their history).
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { users } from './users';
import { CALL_MODES, CALL_STATES } from '../../../domain/call-lifecycle';

export const calls = sqliteTable(
	'calls',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		scenarioSlug: text('scenario_slug').notNull(),
		/** Hash of the scenario file the call ran on, so a later edit cannot change an old score. */
		scenarioHash: text('scenario_hash').notNull(),
		/** The published scenario version the call ran on. */
		scenarioVersion: integer('scenario_version').notNull(),
		/** The scenario as it was when the call started (JSON), used to re-score and to show the result. */
		scenarioSnapshot: text('scenario_snapshot', { mode: 'json' }).notNull(),
		state: text('state', { enum: CALL_STATES }).notNull().default('ringing'),
		/** Practice (live coaching, never certification evidence) or assessment; calls from before modes existed are assessments. */
		mode: text('mode', { enum: CALL_MODES }).notNull().default('assessment'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		/** When the trainee answered; event times (`t`) count from here. */
		startedAt: integer('started_at', { mode: 'timestamp_ms' }),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
		acwEndedAt: integer('acw_ended_at', { mode: 'timestamp_ms' }),
		/** The caller's anger right now (0–1), kept for the live meter and resumed calls. */
		anger: real('anger').notNull().default(0),
		/** The dialogue engine's state (JSON), so a reload resumes the conversation where it was. */
		engineState: text('engine_state', { mode: 'json' }),
		/** The computed score (JSON, before overrides). */
		score: text('score', { mode: 'json' }),
		/** Section scores after trainer overrides, { section: 0–100 } (JSON). */
		sectionScores: text('section_scores', { mode: 'json' }).$type<Record<string, number>>(),
		/** Weighted total 0–100 after overrides. */
		total: real('total'),
		/** KPIs computed when the call was scored (CallKpis JSON). */
		kpis: text('kpis', { mode: 'json' }),
		// Stored results (written when the call is scored and at every override, so lists never parse the
		// scenario snapshot or the score JSON): the scenario's title, whether the caller started upset, and
		// whether a trainer changed any section score.
		scenarioTitle: text('scenario_title'),
		angryStart: integer('angry_start', { mode: 'boolean' }),
		overridden: integer('overridden', { mode: 'boolean' }),
		/** Trainers' comments on the call, kept by triggers on call_comments (migration 0028). */
		comments: integer('comments').notNull().default(0)
	},
	(t) => [
		// A row's narrow columns that come after the scenario snapshot (~7 KB) and the score (~5 KB) are read by walking
		// the row's overflow pages, three or four page reads a call. So the two indexes a user's lists read carry those
		// columns after their keys (covering indexes, migration 0033): a user's newest calls (/calls, GET /api/calls,
		// a trainer's review list of one trainee) and a user's completed calls with their stored results, newest first
		// (the results list, dashboards, certification evidence) are read from the index alone.
		index('calls_user_idx').on(t.userId, t.createdAt, t.id, t.scenarioSlug, t.state, t.mode, t.total),
		index('calls_state_idx').on(t.state),
		index('calls_user_state_ended_idx').on(
			t.userId,
			t.state,
			t.endedAt,
			t.total,
			t.sectionScores,
			t.kpis,
			t.id,
			t.scenarioSlug,
			t.scenarioTitle,
			t.angryStart,
			t.startedAt,
			t.acwEndedAt,
			t.overridden,
			t.mode
		),
		// The call review list, newest first, one keyset page at a time.
		index('calls_created_idx').on(t.createdAt, t.id),
		// The calls waiting for review (scored, so finished; not re-scored, not commented on), newest first: the list's
		// filter. `overridden` is written when the call is scored, so 0 means scored and not re-scored.
		index('calls_to_review_idx')
			.on(t.createdAt, t.id)
			.where(sql`overridden = 0 AND comments = 0`),
		// The same calls per trainee, newest first: a trainer's cohorts filtered to them without reading every call's
		// row (`comments` is the row's last column, behind the scenario and score JSON). With the id after the time
		// (migration 0033) a keyset page of them is read from this index alone, and it stays the narrower choice over
		// calls_user_idx.
		index('calls_user_to_review_idx')
			.on(t.userId, t.createdAt, t.id)
			.where(sql`overridden = 0 AND comments = 0`)
	]
);

export const callEvents = sqliteTable(
	'call_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		callId: text('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		/** 0-based position on the call's timeline; evidence in a score cites it. */
		seq: integer('seq').notNull(),
		/** Milliseconds since the call was answered. */
		t: integer('t').notNull(),
		type: text('type').notNull(),
		/** The whole timeline event (JSON), as the scorer reads it. */
		payload: text('payload', { mode: 'json' }).notNull(),
		/** The caller's anger right after this event (0–1): the mood curve. */
		anger: real('anger').notNull(),
		/** The browser's id for the event, so a retried request is stored once. */
		clientId: text('client_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('call_events_seq_uq').on(t.callId, t.seq),
		uniqueIndex('call_events_client_uq').on(t.callId, t.clientId)
	]
);

/** The CRM working record of a call, autosaved on every change (JSON CrmRecord + ACW e-mail draft). */
export const callCrmRecords = sqliteTable('call_crm_records', {
	callId: text('call_id')
		.primaryKey()
		.references(() => calls.id, { onDelete: 'cascade' }),
	record: text('record', { mode: 'json' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * The words behind the text tone of each trainee line of a completed call (what the results page and the review show
 * next to each line), written once when the call is completed: explaining every line takes one model run per word, tens
 * of ms per call, and a completed call's lines never change. `model` names the tone model (and whether its sentence
 * encoder ran) that found them: words stored by another model are not shown, they are found again.
 */
export const callToneWords = sqliteTable('call_tone_words', {
	callId: text('call_id')
		.primaryKey()
		.references(() => calls.id, { onDelete: 'cascade' }),
	model: text('model').notNull(),
	/** { [event seq]: ToneDriver[] } for the lines with drivers. */
	words: text('words', { mode: 'json' }).notNull()
});

export const callComments = sqliteTable(
	'call_comments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		callId: text('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		authorId: integer('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		body: text('body').notNull(),
		/** The moment of the call the comment is pinned to (ms since answered), or null for the whole call. */
		atMs: integer('at_ms'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('call_comments_call_idx').on(t.callId)]
);

/** Every section-score override a trainer made; the latest per section applies. */
export const callScoreOverrides = sqliteTable(
	'call_score_overrides',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		callId: text('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		trainerId: integer('trainer_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		section: text('section').notNull(),
		oldScore: real('old_score').notNull(),
		newScore: real('new_score').notNull(),
		reason: text('reason').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('call_score_overrides_call_idx').on(t.callId)]
);

/** The columns of trainee_call_stats and trainee_assessment_stats (fresh builders for each table). */
const callStatsColumns = () => ({
	userId: integer('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	calls: integer('calls').notNull(),
	totalSum: real('total_sum').notNull(),
	handleSum: real('handle_sum').notNull(),
	acwSum: real('acw_sum').notNull(),
	holdSum: real('hold_sum').notNull(),
	/** Calls whose first-contact resolution is known, and how many of them were resolved. */
	fcrKnown: integer('fcr_known').notNull(),
	fcrYes: integer('fcr_yes').notNull(),
	/** Completed calls nobody has commented on or re-scored yet. */
	toReview: integer('to_review').notNull(),
	accuracySum: real('accuracy_sum').notNull(),
	accuracyN: integer('accuracy_n').notNull(),
	completenessSum: real('completeness_sum').notNull(),
	completenessN: integer('completeness_n').notNull(),
	consistencySum: real('consistency_sum').notNull(),
	consistencyN: integer('consistency_n').notNull(),
	etiquetteSum: real('etiquette_sum').notNull(),
	etiquetteN: integer('etiquette_n').notNull(),
	angerControlSum: real('anger_control_sum').notNull(),
	angerControlN: integer('anger_control_n').notNull(),
	afterCallWorkSum: real('after_call_work_sum').notNull(),
	afterCallWorkN: integer('after_call_work_n').notNull()
});

/**
 * Per-trainee aggregates of completed, scored calls (sums and counts, so averages are sum / n), rewritten for the
 * trainee on every write that changes them (scoring, override, comment) and backfilled by migration 0009. The home
 * dashboards read one narrow row per trainee instead of every call. SQL in $lib/server/calls/stats.ts.
 */
export const traineeCallStats = sqliteTable('trainee_call_stats', callStatsColumns());

/**
 * The same aggregates over the trainee's assessment calls only (practice calls never count towards certification):
 * the per-trainee report's KPIs and weakest skills, which were computed from every assessment call on each view.
 * Rewritten with trainee_call_stats (refreshCallStats), backfilled by migration 0030.
 */
export const traineeAssessmentStats = sqliteTable('trainee_assessment_stats', callStatsColumns());

/**
 * Per trainee × scenario: how many of their calls of it have a score, and the best total (after overrides). Rewritten
 * for the trainee whenever one of their calls is scored or overridden (`refreshTotals`), backfilled by its migration
 * with the same SELECT ($lib/server/calls/stats-sql.ts). The scenario picker (/calls) reads these rows instead of the
 * trainee's calls.
 */
export const traineeScenarioStats = sqliteTable(
	'trainee_scenario_stats',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		scenarioSlug: text('scenario_slug').notNull(),
		attempts: integer('attempts').notNull(),
		best: real('best').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.scenarioSlug] })]
);
