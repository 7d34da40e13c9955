CREATE TABLE `assignment_trainees` (
	`assignment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`assignment_id`, `user_id`),
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignment_trainees_user_idx` ON `assignment_trainees` (`user_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`whole_cohort` integer NOT NULL,
	`kind` text NOT NULL,
	`ref_slug` text NOT NULL,
	`mode` text,
	`min_score` integer,
	`call_count` integer,
	`due_at` integer NOT NULL,
	`reason` text DEFAULT 'assigned' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assignments_cohort_idx` ON `assignments` (`cohort_id`,`due_at`);