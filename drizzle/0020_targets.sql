CREATE TABLE `cohort_targets` (
	`cohort_id` integer NOT NULL,
	`month` text NOT NULL,
	`assessment_calls` integer,
	`record_accuracy` integer,
	`certificates` integer,
	`set_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`cohort_id`, `month`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `trainee_month_stats` (
	`user_id` integer NOT NULL,
	`month` text NOT NULL,
	`assessment_calls` integer NOT NULL,
	`accuracy_sum` real NOT NULL,
	`accuracy_n` integer NOT NULL,
	PRIMARY KEY(`user_id`, `month`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `trainee_month_stats` (user_id, month, assessment_calls, accuracy_sum, accuracy_n)
SELECT c.user_id, strftime('%Y-%m', c.ended_at / 1000, 'unixepoch'),
	sum(CASE WHEN c.mode = 'assessment' THEN 1 ELSE 0 END),
	total(json_extract(c.section_scores, '$.accuracy')), count(json_extract(c.section_scores, '$.accuracy'))
FROM calls c
WHERE c.state = 'completed' AND c.total IS NOT NULL AND c.section_scores IS NOT NULL AND c.ended_at IS NOT NULL
GROUP BY 1, 2;
