CREATE TABLE `trainee_scenario_stats` (
	`user_id` integer NOT NULL,
	`scenario_slug` text NOT NULL,
	`attempts` integer NOT NULL,
	`best` real NOT NULL,
	PRIMARY KEY(`user_id`, `scenario_slug`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Backfill: every trainee × scenario from their scored calls (the SELECT of $lib/server/calls/stats-sql.ts).
INSERT INTO trainee_scenario_stats (user_id, scenario_slug, attempts, best) SELECT c.user_id, c.scenario_slug, count(*), max(c.total) FROM calls c WHERE c.total IS NOT NULL GROUP BY c.user_id, c.scenario_slug;
