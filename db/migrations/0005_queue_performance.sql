ALTER TABLE `projects` ADD `thread_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `next_deadline` integer;--> statement-breakpoint
CREATE INDEX `threads_status_next_deadline_idx` ON `threads` (`status`,`next_deadline`,`created_at`);--> statement-breakpoint
CREATE INDEX `threads_status_project_idx` ON `threads` (`status`,`project_id`);--> statement-breakpoint
CREATE INDEX `threads_status_type_idx` ON `threads` (`status`,`complaint_type`);--> statement-breakpoint
CREATE INDEX `threads_status_severity_idx` ON `threads` (`status`,`severity`);--> statement-breakpoint
CREATE INDEX `threads_status_assignee_idx` ON `threads` (`status`,`assignee_id`);--> statement-breakpoint
CREATE INDEX `threads_project_type_idx` ON `threads` (`project_id`,`complaint_type`,`created_at`);--> statement-breakpoint
UPDATE `projects` SET `thread_count` = (SELECT count(*) FROM `threads` t WHERE t.`project_id` = `projects`.`id`);--> statement-breakpoint
CREATE TRIGGER `threads_count_per_project` AFTER INSERT ON `threads` BEGIN
  UPDATE `projects` SET `thread_count` = `thread_count` + 1 WHERE `id` = NEW.`project_id`;
END;--> statement-breakpoint
UPDATE `threads` SET `next_deadline` = (SELECT min(c.`deadline`) FROM `thread_clocks` c WHERE c.`thread_id` = `threads`.`id` AND c.`met_at` IS NULL AND c.`closed_at` IS NULL);--> statement-breakpoint
CREATE TRIGGER `thread_clocks_next_deadline_insert` AFTER INSERT ON `thread_clocks` BEGIN
  UPDATE `threads` SET `next_deadline` = (SELECT min(c.`deadline`) FROM `thread_clocks` c WHERE c.`thread_id` = NEW.`thread_id` AND c.`met_at` IS NULL AND c.`closed_at` IS NULL) WHERE `id` = NEW.`thread_id`;
END;--> statement-breakpoint
CREATE TRIGGER `thread_clocks_next_deadline_update` AFTER UPDATE OF `met_at`, `closed_at` ON `thread_clocks` BEGIN
  UPDATE `threads` SET `next_deadline` = (SELECT min(c.`deadline`) FROM `thread_clocks` c WHERE c.`thread_id` = NEW.`thread_id` AND c.`met_at` IS NULL AND c.`closed_at` IS NULL) WHERE `id` = NEW.`thread_id`;
END;
