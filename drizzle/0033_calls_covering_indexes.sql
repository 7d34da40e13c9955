-- A call's narrow columns after the scenario snapshot (~7 KB) and the score (~5 KB) are read by walking the row's
-- overflow pages: three or four page reads a call. The indexes of a user's lists carry those columns after their keys,
-- so the lists read the index alone: a user's newest calls, a user's completed calls with their stored results, and a
-- trainee's calls waiting for review (the id after the time, for the keyset page).
DROP INDEX `calls_user_idx`;--> statement-breakpoint
DROP INDEX `calls_user_state_ended_idx`;--> statement-breakpoint
DROP INDEX `calls_user_to_review_idx`;--> statement-breakpoint
CREATE INDEX `calls_user_idx` ON `calls` (`user_id`,`created_at`,`id`,`scenario_slug`,`state`,`mode`,`total`);--> statement-breakpoint
CREATE INDEX `calls_user_state_ended_idx` ON `calls` (`user_id`,`state`,`ended_at`,`total`,`section_scores`,`kpis`,`id`,`scenario_slug`,`scenario_title`,`angry_start`,`started_at`,`acw_ended_at`,`overridden`,`mode`);--> statement-breakpoint
CREATE INDEX `calls_user_to_review_idx` ON `calls` (`user_id`,`created_at`,`id`) WHERE overridden = 0 AND comments = 0;