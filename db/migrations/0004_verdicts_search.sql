CREATE TABLE `callbacks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`called_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`satisfaction` integer NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `callbacks_thread_idx` ON `callbacks` (`thread_id`,`id`);--> statement-breakpoint
CREATE TABLE `thread_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`attitude` integer NOT NULL,
	`speed` integer NOT NULL,
	`result` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `thread_ratings_thread_idx` ON `thread_ratings` (`thread_id`,`id`);--> statement-breakpoint
CREATE INDEX `thread_ratings_created_idx` ON `thread_ratings` (`created_at`);--> statement-breakpoint
ALTER TABLE `threads` ADD `first_official_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `verdict_reminder_at` integer;--> statement-breakpoint
CREATE INDEX `threads_verdict_due_idx` ON `threads` (`status`,`verdict_reminder_at`);--> statement-breakpoint
-- Backfill the first official answer of threads answered before the column existed.
UPDATE `threads` SET `first_official_at` = (SELECT min(p.`created_at`) FROM `posts` p WHERE p.`thread_id` = `threads`.`id` AND p.`kind` = 'official');--> statement-breakpoint
-- Full-text search over titles and visible posts. The trigram tokenizer finds Chinese
-- without word segmentation; queries under three characters use a scan (see search.server.ts).
-- Internal notes are never indexed; hidden posts leave the index; hidden threads are
-- filtered when searching.
CREATE VIRTUAL TABLE `search_index` USING fts5(`body`, `thread_id` UNINDEXED, `post_id` UNINDEXED, tokenize = 'trigram');--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `body`, `thread_id`, `post_id`) SELECT -`id`, `title`, `id`, NULL FROM `threads`;--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `body`, `thread_id`, `post_id`) SELECT `id`, `body_markdown`, `thread_id`, `id` FROM `posts` WHERE `hidden_at` IS NULL;--> statement-breakpoint
CREATE TRIGGER `search_threads_insert` AFTER INSERT ON `threads` BEGIN
  INSERT INTO `search_index` (`rowid`, `body`, `thread_id`, `post_id`) VALUES (-NEW.`id`, NEW.`title`, NEW.`id`, NULL);
END;--> statement-breakpoint
CREATE TRIGGER `search_threads_title` AFTER UPDATE OF `title` ON `threads` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = -OLD.`id`;
  INSERT INTO `search_index` (`rowid`, `body`, `thread_id`, `post_id`) VALUES (-NEW.`id`, NEW.`title`, NEW.`id`, NULL);
END;--> statement-breakpoint
CREATE TRIGGER `search_posts_insert` AFTER INSERT ON `posts` WHEN NEW.`hidden_at` IS NULL BEGIN
  INSERT INTO `search_index` (`rowid`, `body`, `thread_id`, `post_id`) VALUES (NEW.`id`, NEW.`body_markdown`, NEW.`thread_id`, NEW.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `search_posts_update` AFTER UPDATE OF `body_markdown`, `hidden_at` ON `posts` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = OLD.`id`;
  INSERT INTO `search_index` (`rowid`, `body`, `thread_id`, `post_id`) SELECT NEW.`id`, NEW.`body_markdown`, NEW.`thread_id`, NEW.`id` WHERE NEW.`hidden_at` IS NULL;
END;
