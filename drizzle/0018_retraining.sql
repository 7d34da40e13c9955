CREATE TABLE `certificate_updates` (
	`certificate_id` integer NOT NULL,
	`note_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`assignment_id` integer,
	`due_at` integer NOT NULL,
	`done_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`certificate_id`, `note_id`),
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`note_id`) REFERENCES `retraining_notes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `certificate_updates_user_idx` ON `certificate_updates` (`user_id`,`done_at`);--> statement-breakpoint
CREATE TABLE `retraining_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_slug` text NOT NULL,
	`title` text NOT NULL,
	`from_version` integer,
	`to_version` integer NOT NULL,
	`changes` text NOT NULL,
	`lessons` text NOT NULL,
	`min_score` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `retraining_notes_ref_idx` ON `retraining_notes` (`kind`,`ref_slug`);--> statement-breakpoint
CREATE TABLE `retraining_reads` (
	`note_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`lesson_slug` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`note_id`, `user_id`, `lesson_slug`),
	FOREIGN KEY (`note_id`) REFERENCES `retraining_notes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `assignments` ADD `retraining_note_id` integer;--> statement-breakpoint
ALTER TABLE `cert_programmes` ADD `retraining_days` integer DEFAULT 30 NOT NULL;