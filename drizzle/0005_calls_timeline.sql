CREATE TABLE `call_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_comments_call_idx` ON `call_comments` (`call_id`);--> statement-breakpoint
CREATE TABLE `call_crm_records` (
	`call_id` text PRIMARY KEY NOT NULL,
	`record` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `call_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`seq` integer NOT NULL,
	`t` integer NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`anger` real NOT NULL,
	`client_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_events_seq_uq` ON `call_events` (`call_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `call_events_client_uq` ON `call_events` (`call_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `call_score_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`trainer_id` integer NOT NULL,
	`section` text NOT NULL,
	`old_score` real NOT NULL,
	`new_score` real NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_score_overrides_call_idx` ON `call_score_overrides` (`call_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`scenario_slug` text NOT NULL,
	`scenario_hash` text NOT NULL,
	`scenario_version` integer NOT NULL,
	`scenario_snapshot` text NOT NULL,
	`state` text DEFAULT 'ringing' NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`acw_ended_at` integer,
	`anger` real DEFAULT 0 NOT NULL,
	`engine_state` text,
	`score` text,
	`section_scores` text,
	`total` real,
	`kpis` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calls_user_idx` ON `calls` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `calls_state_idx` ON `calls` (`state`);