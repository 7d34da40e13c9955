CREATE TABLE `programme_progress` (
	`user_id` integer NOT NULL,
	`programme_id` integer NOT NULL,
	`programme_version` integer NOT NULL,
	`evaluation` text NOT NULL,
	`stale_at` integer,
	`evaluated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `programme_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `cert_programmes`(`id`) ON UPDATE no action ON DELETE cascade
);
