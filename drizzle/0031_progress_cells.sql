ALTER TABLE `programme_progress` ADD `state` text DEFAULT 'in-progress' NOT NULL;--> statement-breakpoint
ALTER TABLE `programme_progress` ADD `done` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `programme_progress` ADD `required` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `programme_progress` ADD `status` text;--> statement-breakpoint
ALTER TABLE `programme_progress` ADD `unmet` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Backfill: every stored evaluation's fields, as storeProgress writes them (its unmet items in order, without callIds).
UPDATE `programme_progress` SET
	`state` = json_extract(`evaluation`, '$.state'),
	`done` = json_extract(`evaluation`, '$.done'),
	`required` = json_extract(`evaluation`, '$.required'),
	`status` = json_extract(`evaluation`, '$.current.status'),
	`unmet` = (SELECT json_group_array(json_remove(i.value, '$.callIds') ORDER BY i.key) FROM json_each(`evaluation`, '$.items') i WHERE json_extract(i.value, '$.met') = 0);
