-- The calls waiting for review across the organisation (the admin home), kept as one row: the sum of
-- `trainee_call_stats.to_review` over every user who holds the trainee role. The triggers keep it exact on every
-- write to either table (also cascades from a deleted user: whichever table goes first, the other's trigger then
-- finds no partner row and adds nothing), so the page reads one row instead of a row per trainee.
CREATE TABLE `organisation_totals` (
	`name` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `organisation_totals` (`name`, `n`)
SELECT 'calls_to_review', coalesce(sum(s.`to_review`), 0) FROM `trainee_call_stats` s
WHERE EXISTS (SELECT 1 FROM `user_roles` r WHERE r.`user_id` = s.`user_id` AND r.`role` = 'trainee');
--> statement-breakpoint
CREATE TRIGGER `trainee_call_stats_review_insert` AFTER INSERT ON `trainee_call_stats`
WHEN EXISTS (SELECT 1 FROM `user_roles` WHERE `user_id` = NEW.`user_id` AND `role` = 'trainee')
BEGIN
	UPDATE `organisation_totals` SET `n` = `n` + NEW.`to_review` WHERE `name` = 'calls_to_review';
END;
--> statement-breakpoint
CREATE TRIGGER `trainee_call_stats_review_update` AFTER UPDATE OF `to_review`, `user_id` ON `trainee_call_stats`
BEGIN
	UPDATE `organisation_totals` SET `n` = `n`
		+ CASE WHEN EXISTS (SELECT 1 FROM `user_roles` WHERE `user_id` = NEW.`user_id` AND `role` = 'trainee') THEN NEW.`to_review` ELSE 0 END
		- CASE WHEN EXISTS (SELECT 1 FROM `user_roles` WHERE `user_id` = OLD.`user_id` AND `role` = 'trainee') THEN OLD.`to_review` ELSE 0 END
	WHERE `name` = 'calls_to_review';
END;
--> statement-breakpoint
CREATE TRIGGER `trainee_call_stats_review_delete` AFTER DELETE ON `trainee_call_stats`
WHEN EXISTS (SELECT 1 FROM `user_roles` WHERE `user_id` = OLD.`user_id` AND `role` = 'trainee')
BEGIN
	UPDATE `organisation_totals` SET `n` = `n` - OLD.`to_review` WHERE `name` = 'calls_to_review';
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_review_insert` AFTER INSERT ON `user_roles`
WHEN NEW.`role` = 'trainee'
BEGIN
	UPDATE `organisation_totals` SET `n` = `n` + coalesce((SELECT `to_review` FROM `trainee_call_stats` WHERE `user_id` = NEW.`user_id`), 0)
	WHERE `name` = 'calls_to_review';
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_review_update` AFTER UPDATE ON `user_roles`
WHEN NEW.`role` = 'trainee' OR OLD.`role` = 'trainee'
BEGIN
	UPDATE `organisation_totals` SET `n` = `n`
		+ CASE WHEN NEW.`role` = 'trainee' THEN coalesce((SELECT `to_review` FROM `trainee_call_stats` WHERE `user_id` = NEW.`user_id`), 0) ELSE 0 END
		- CASE WHEN OLD.`role` = 'trainee' THEN coalesce((SELECT `to_review` FROM `trainee_call_stats` WHERE `user_id` = OLD.`user_id`), 0) ELSE 0 END
	WHERE `name` = 'calls_to_review';
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_review_delete` AFTER DELETE ON `user_roles`
WHEN OLD.`role` = 'trainee'
BEGIN
	UPDATE `organisation_totals` SET `n` = `n` - coalesce((SELECT `to_review` FROM `trainee_call_stats` WHERE `user_id` = OLD.`user_id`), 0)
	WHERE `name` = 'calls_to_review';
END;
