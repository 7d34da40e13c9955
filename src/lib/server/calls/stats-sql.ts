// The SQL of the per-trainee call aggregates (trainee_call_stats), with no imports so seed:scale can run it too.
const seconds = (from: string, to: string) => `max(0, round((${to} - ${from}) / 100.0) / 10.0)`;
const section = (key: string) =>
	`total(json_extract(c.section_scores, '$.${key}')), count(json_extract(c.section_scores, '$.${key}'))`;

/**
 * One row per trainee with completed, scored calls: the aggregates of exactly the rows getCallResultsFor reads
 * (handle and ACW seconds rounded like `seconds()` in results.ts; first-contact resolution unknown only when stored
 * as JSON null; a call waits for review until it is commented on or re-scored). refreshCallStats adds
 * `AND c.user_id = ?` for one trainee.
 */
export const CALL_STATS_SELECT = `SELECT c.user_id, count(*), sum(c.total),
	sum(CASE WHEN c.started_at IS NULL THEN 0 ELSE ${seconds('c.started_at', 'c.ended_at')} END),
	sum(CASE WHEN c.acw_ended_at IS NULL THEN 0 ELSE ${seconds('c.ended_at', 'c.acw_ended_at')} END),
	sum(coalesce(json_extract(c.kpis, '$.holdSeconds'), 0)),
	sum(CASE WHEN json_type(c.kpis, '$.resolvedFirstContact') = 'null' THEN 0 ELSE 1 END),
	sum(CASE WHEN json_type(c.kpis, '$.resolvedFirstContact') = 'true' THEN 1 ELSE 0 END),
	sum(CASE WHEN c.overridden = 0 AND NOT EXISTS (SELECT 1 FROM call_comments cc WHERE cc.call_id = c.id) THEN 1 ELSE 0 END),
	${section('accuracy')}, ${section('completeness')}, ${section('consistency')},
	${section('etiquette')}, ${section('angerControl')}, ${section('afterCallWork')}
FROM calls c
WHERE c.state = 'completed' AND c.total IS NOT NULL AND c.section_scores IS NOT NULL AND c.ended_at IS NOT NULL`;

/** CALL_STATS_SELECT over assessment calls only (trainee_assessment_stats): the calls certification counts. */
export const ASSESSMENT_STATS_SELECT = `${CALL_STATS_SELECT} AND c.mode = 'assessment'`;

export const CALL_STATS_COLUMNS = `user_id, calls, total_sum, handle_sum, acw_sum, hold_sum, fcr_known, fcr_yes, to_review,
	accuracy_sum, accuracy_n, completeness_sum, completeness_n, consistency_sum, consistency_n,
	etiquette_sum, etiquette_n, anger_control_sum, anger_control_n, after_call_work_sum, after_call_work_n`;



/**
 * Per trainee × scenario (trainee_scenario_stats): the calls that have a total and the best of them, exactly what the
 * scenario picker used to compute from the trainee's calls. refreshScenarioStats adds `AND c.user_id = ?`.
 */
export const SCENARIO_STATS_SELECT = `SELECT c.user_id, c.scenario_slug, count(*), max(c.total) FROM calls c WHERE c.total IS NOT NULL`;
export const SCENARIO_STATS_COLUMNS = 'user_id, scenario_slug, attempts, best';

/** Every trainee × scenario row from scratch (the migration's backfill; seed:scale after its bulk insert). */
export const REBUILD_SCENARIO_STATS_SQL = `DELETE FROM trainee_scenario_stats;
INSERT INTO trainee_scenario_stats (${SCENARIO_STATS_COLUMNS}) ${SCENARIO_STATS_SELECT} GROUP BY c.user_id, c.scenario_slug;`;

/**
 * Per trainee and month of the call's end (UTC): completed scored assessment calls, and record-accuracy sums of all
 * completed scored calls (the same rows as CALL_STATS_SELECT). refreshCallStats adds `AND c.user_id = ?`.
 */
export const MONTH_STATS_SELECT = `SELECT c.user_id, strftime('%Y-%m', c.ended_at / 1000, 'unixepoch'),
	sum(CASE WHEN c.mode = 'assessment' THEN 1 ELSE 0 END), ${section('accuracy')}
FROM calls c
WHERE c.state = 'completed' AND c.total IS NOT NULL AND c.section_scores IS NOT NULL AND c.ended_at IS NOT NULL`;

export const MONTH_STATS_COLUMNS = 'user_id, month, assessment_calls, accuracy_sum, accuracy_n';

/** Every trainee's rows from scratch (the migrations' backfills; seed:scale after its bulk insert). */
export const REBUILD_CALL_STATS_SQL = `DELETE FROM trainee_call_stats;
INSERT INTO trainee_call_stats (${CALL_STATS_COLUMNS}) ${CALL_STATS_SELECT} GROUP BY c.user_id;
DELETE FROM trainee_assessment_stats;
INSERT INTO trainee_assessment_stats (${CALL_STATS_COLUMNS}) ${ASSESSMENT_STATS_SELECT} GROUP BY c.user_id;
DELETE FROM trainee_month_stats;
INSERT INTO trainee_month_stats (${MONTH_STATS_COLUMNS}) ${MONTH_STATS_SELECT} GROUP BY 1, 2;`;
