CREATE TABLE `call_recordings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`client_id` text NOT NULL,
	`t` integer NOT NULL,
	`samples` integer NOT NULL,
	`file` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_recordings_client_uq` ON `call_recordings` (`call_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `call_recordings_call_idx` ON `call_recordings` (`call_id`,`t`);--> statement-breakpoint
ALTER TABLE `call_comments` ADD `at_ms` integer;