ALTER TABLE `calls` ADD `scenario_title` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `angry_start` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `overridden` integer;--> statement-breakpoint
CREATE INDEX `calls_user_state_ended_idx` ON `calls` (`user_id`,`state`,`ended_at`);--> statement-breakpoint
-- Backfill the stored results of existing calls (totals and section scores after overrides are already stored).
UPDATE `calls` SET
	`scenario_title` = json_extract(`scenario_snapshot`, '$.title'),
	`angry_start` = (json_extract(`scenario_snapshot`, '$.anger.start') >= json_extract(`scenario_snapshot`, '$.anger.calmBelow')),
	`overridden` = EXISTS (SELECT 1 FROM `call_score_overrides` o WHERE o.`call_id` = `calls`.`id`);
