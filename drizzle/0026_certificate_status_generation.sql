-- Certificate status counts (the admin home) are kept in memory until `table_generations`' 'certificate_status'
-- moves: these triggers move it on every write to what those counts read (certificates, who is an active trainee,
-- retraining updates and notes, programmes, and the calls of holders with a retraining update, which can close one).
CREATE TABLE `table_generations` (
	`name` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `certificate_updates_due_idx` ON `certificate_updates` (`due_at`);
--> statement-breakpoint
INSERT INTO `table_generations` (`name`, `n`) VALUES ('certificate_status', 0);
--> statement-breakpoint
CREATE TRIGGER `certificates_status_insert` AFTER INSERT ON `certificates`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `certificates_status_update` AFTER UPDATE ON `certificates`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `certificates_status_delete` AFTER DELETE ON `certificates`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_status_insert` AFTER INSERT ON `user_roles`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_status_update` AFTER UPDATE ON `user_roles`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_status_delete` AFTER DELETE ON `user_roles`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `certificate_updates_status_insert` AFTER INSERT ON `certificate_updates`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `certificate_updates_status_update` AFTER UPDATE ON `certificate_updates`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `certificate_updates_status_delete` AFTER DELETE ON `certificate_updates`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `retraining_notes_status_insert` AFTER INSERT ON `retraining_notes`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `retraining_notes_status_update` AFTER UPDATE ON `retraining_notes`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `retraining_notes_status_delete` AFTER DELETE ON `retraining_notes`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `cert_programmes_status_insert` AFTER INSERT ON `cert_programmes`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `cert_programmes_status_update` AFTER UPDATE ON `cert_programmes`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `cert_programmes_status_delete` AFTER DELETE ON `cert_programmes`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `users_status_insert` AFTER INSERT ON `users`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `users_status_active` AFTER UPDATE OF `active` ON `users`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `users_status_delete` AFTER DELETE ON `users`
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `calls_status_insert` AFTER INSERT ON `calls`
WHEN EXISTS (SELECT 1 FROM `certificate_updates` WHERE `user_id` = NEW.`user_id`)
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `calls_status_update` AFTER UPDATE OF `state`, `total`, `scenario_slug`, `created_at`, `user_id` ON `calls`
WHEN EXISTS (SELECT 1 FROM `certificate_updates` WHERE `user_id` = NEW.`user_id`) OR EXISTS (SELECT 1 FROM `certificate_updates` WHERE `user_id` = OLD.`user_id`)
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
--> statement-breakpoint
CREATE TRIGGER `calls_status_delete` AFTER DELETE ON `calls`
WHEN EXISTS (SELECT 1 FROM `certificate_updates` WHERE `user_id` = OLD.`user_id`)
BEGIN
	UPDATE `table_generations` SET `n` = `n` + 1 WHERE `name` = 'certificate_status';
END;
