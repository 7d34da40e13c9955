CREATE TABLE `call_tone_words` (
	`call_id` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`words` text NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
