-- The call review list's "waiting for review" filter: a call waits until a trainer comments on it or re-scores it.
-- `comments` counts its comments, kept by triggers on call_comments (also when a comment goes with its deleted
-- author), so the filter is a range of one partial index, newest first, whatever the share of reviewed calls.
ALTER TABLE `calls` ADD `comments` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `calls` SET `comments` = (SELECT count(*) FROM `call_comments` cc WHERE cc.`call_id` = `calls`.`id`)
WHERE EXISTS (SELECT 1 FROM `call_comments` cc WHERE cc.`call_id` = `calls`.`id`);
--> statement-breakpoint
CREATE INDEX `calls_to_review_idx` ON `calls` (`created_at`,`id`) WHERE overridden = 0 AND comments = 0;
--> statement-breakpoint
CREATE TRIGGER `call_comments_count_insert` AFTER INSERT ON `call_comments`
BEGIN
	UPDATE `calls` SET `comments` = `comments` + 1 WHERE `id` = NEW.`call_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `call_comments_count_delete` AFTER DELETE ON `call_comments`
BEGIN
	UPDATE `calls` SET `comments` = `comments` - 1 WHERE `id` = OLD.`call_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `call_comments_count_update` AFTER UPDATE OF `call_id` ON `call_comments`
BEGIN
	UPDATE `calls` SET `comments` = `comments` - 1 WHERE `id` = OLD.`call_id`;
	UPDATE `calls` SET `comments` = `comments` + 1 WHERE `id` = NEW.`call_id`;
END;
