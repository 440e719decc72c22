CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `email_unsubscribes` (
	`address` text NOT NULL,
	`category` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`address`, `category`)
);
--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text,
	`to_address` text NOT NULL,
	`category` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`unsubscribe_url` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_outbox_dedupe_unique` ON `mail_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `mail_outbox_pending_idx` ON `mail_outbox` (`id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `thread_clocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`kind` text NOT NULL,
	`round` integer NOT NULL,
	`started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`met_at` integer,
	`met_by_post_id` integer,
	`closed_at` integer,
	`close_reason` text,
	`breached_at` integer,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`met_by_post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `thread_clocks_thread_kind_round` ON `thread_clocks` (`thread_id`,`kind`,`round`);--> statement-breakpoint
CREATE INDEX `thread_clocks_due_idx` ON `thread_clocks` (`deadline`) WHERE met_at is null and closed_at is null and breached_at is null;--> statement-breakpoint
CREATE TABLE `thread_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`post_id` integer,
	`clock_id` integer,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clock_id`) REFERENCES `thread_clocks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `thread_events_thread_idx` ON `thread_events` (`thread_id`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `threads` ADD `ack_clock_id` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `answer_clock_id` integer;--> statement-breakpoint
-- Threads posted before the clocks existed get them with the original 3 h / 12 h promise.
INSERT INTO `thread_clocks` (`thread_id`, `kind`, `round`, `started_at`, `deadline`)
  SELECT `id`, 'ack', 1, `created_at`, `created_at` + 10800000 FROM `threads`;--> statement-breakpoint
INSERT INTO `thread_clocks` (`thread_id`, `kind`, `round`, `started_at`, `deadline`)
  SELECT `id`, 'answer', 1, `created_at`, `created_at` + 43200000 FROM `threads`;--> statement-breakpoint
UPDATE `threads` SET
  `ack_clock_id` = (SELECT c.`id` FROM `thread_clocks` c WHERE c.`thread_id` = `threads`.`id` AND c.`kind` = 'ack' AND c.`round` = 1),
  `answer_clock_id` = (SELECT c.`id` FROM `thread_clocks` c WHERE c.`thread_id` = `threads`.`id` AND c.`kind` = 'answer' AND c.`round` = 1);
