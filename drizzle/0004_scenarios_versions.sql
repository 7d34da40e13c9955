CREATE TABLE `scenario_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scenario_id` integer NOT NULL,
	`number` integer NOT NULL,
	`source` text NOT NULL,
	`content_hash` text NOT NULL,
	`title` text NOT NULL,
	`difficulty` text NOT NULL,
	`yaml` text NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenario_versions_number_idx` ON `scenario_versions` (`scenario_id`,`number`);--> statement-breakpoint
CREATE INDEX `scenario_versions_scenario_idx` ON `scenario_versions` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`published_version_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_slug_unique` ON `scenarios` (`slug`);