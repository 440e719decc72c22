CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`thread_id` integer,
	`post_id` integer,
	`target_user_id` text,
	`before` text,
	`after` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_thread_idx` ON `audit_log` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	`decision` text,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_post_user_unique` ON `flags` (`post_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `flags_open_idx` ON `flags` (`post_id`) WHERE reviewed_at is null;--> statement-breakpoint
CREATE TABLE `internal_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `internal_notes_thread_idx` ON `internal_notes` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `me_toos` (
	`thread_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`thread_id`, `user_id`),
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `posts` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `posts` ADD `hidden_reason` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `hidden_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `thread_events` ADD `from_value` text;--> statement-breakpoint
ALTER TABLE `thread_events` ADD `to_value` text;--> statement-breakpoint
ALTER TABLE `thread_events` ADD `internal` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `severity` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `validity` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `invalid_reason` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `department` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `assignee_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `threads` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `hidden_reason` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `locked_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `lock_reason` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `merged_into_id` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `me_too_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `threads_metoo_idx` ON `threads` (`me_too_count`,`created_at`);--> statement-breakpoint
CREATE INDEX `threads_assignee_idx` ON `threads` (`assignee_id`);--> statement-breakpoint
CREATE INDEX `threads_severity_idx` ON `threads` (`severity`);--> statement-breakpoint
ALTER TABLE `users` ADD `banned_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `ban_reason` text;--> statement-breakpoint
CREATE INDEX `thread_clocks_open_idx` ON `thread_clocks` (`deadline`,`thread_id`) WHERE met_at is null and closed_at is null;--> statement-breakpoint
-- The audit log and the public timeline are records: nothing may change or remove a row.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `thread_events_no_update` BEFORE UPDATE ON `thread_events` BEGIN SELECT RAISE(ABORT, 'thread_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `thread_events_no_delete` BEFORE DELETE ON `thread_events` BEGIN SELECT RAISE(ABORT, 'thread_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `post_revisions_no_update` BEFORE UPDATE ON `post_revisions` BEGIN SELECT RAISE(ABORT, 'post_revisions is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `post_revisions_no_delete` BEFORE DELETE ON `post_revisions` BEGIN SELECT RAISE(ABORT, 'post_revisions is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `posts_no_delete` BEFORE DELETE ON `posts` BEGIN SELECT RAISE(ABORT, 'posts are never deleted'); END;--> statement-breakpoint
CREATE TRIGGER `threads_no_delete` BEFORE DELETE ON `threads` BEGIN SELECT RAISE(ABORT, 'threads are never deleted'); END;
