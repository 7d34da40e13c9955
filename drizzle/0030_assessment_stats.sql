CREATE TABLE `trainee_assessment_stats` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`calls` integer NOT NULL,
	`total_sum` real NOT NULL,
	`handle_sum` real NOT NULL,
	`acw_sum` real NOT NULL,
	`hold_sum` real NOT NULL,
	`fcr_known` integer NOT NULL,
	`fcr_yes` integer NOT NULL,
	`to_review` integer NOT NULL,
	`accuracy_sum` real NOT NULL,
	`accuracy_n` integer NOT NULL,
	`completeness_sum` real NOT NULL,
	`completeness_n` integer NOT NULL,
	`consistency_sum` real NOT NULL,
	`consistency_n` integer NOT NULL,
	`etiquette_sum` real NOT NULL,
	`etiquette_n` integer NOT NULL,
	`anger_control_sum` real NOT NULL,
	`anger_control_n` integer NOT NULL,
	`after_call_work_sum` real NOT NULL,
	`after_call_work_n` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Backfill: every trainee's aggregates over their completed, scored assessment calls (ASSESSMENT_STATS_SELECT of
-- $lib/server/calls/stats-sql.ts, the rows certification counts).
INSERT INTO trainee_assessment_stats (user_id, calls, total_sum, handle_sum, acw_sum, hold_sum, fcr_known, fcr_yes, to_review,
	accuracy_sum, accuracy_n, completeness_sum, completeness_n, consistency_sum, consistency_n,
	etiquette_sum, etiquette_n, anger_control_sum, anger_control_n, after_call_work_sum, after_call_work_n) SELECT c.user_id, count(*), sum(c.total),
	sum(CASE WHEN c.started_at IS NULL THEN 0 ELSE max(0, round((c.ended_at - c.started_at) / 100.0) / 10.0) END),
	sum(CASE WHEN c.acw_ended_at IS NULL THEN 0 ELSE max(0, round((c.acw_ended_at - c.ended_at) / 100.0) / 10.0) END),
	sum(coalesce(json_extract(c.kpis, '$.holdSeconds'), 0)),
	sum(CASE WHEN json_type(c.kpis, '$.resolvedFirstContact') = 'null' THEN 0 ELSE 1 END),
	sum(CASE WHEN json_type(c.kpis, '$.resolvedFirstContact') = 'true' THEN 1 ELSE 0 END),
	sum(CASE WHEN c.overridden = 0 AND NOT EXISTS (SELECT 1 FROM call_comments cc WHERE cc.call_id = c.id) THEN 1 ELSE 0 END),
	total(json_extract(c.section_scores, '$.accuracy')), count(json_extract(c.section_scores, '$.accuracy')), total(json_extract(c.section_scores, '$.completeness')), count(json_extract(c.section_scores, '$.completeness')), total(json_extract(c.section_scores, '$.consistency')), count(json_extract(c.section_scores, '$.consistency')),
	total(json_extract(c.section_scores, '$.etiquette')), count(json_extract(c.section_scores, '$.etiquette')), total(json_extract(c.section_scores, '$.angerControl')), count(json_extract(c.section_scores, '$.angerControl')), total(json_extract(c.section_scores, '$.afterCallWork')), count(json_extract(c.section_scores, '$.afterCallWork'))
FROM calls c
WHERE c.state = 'completed' AND c.total IS NOT NULL AND c.section_scores IS NOT NULL AND c.ended_at IS NOT NULL AND c.mode = 'assessment' GROUP BY c.user_id;
