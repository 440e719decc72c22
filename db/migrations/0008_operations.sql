CREATE TABLE `scheduler_runs` (
	`process_id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_tick_at` integer,
	`last_tick_ms` integer,
	`last_error` text,
	`breaches_recorded` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scheduler_runs_last_tick_idx` ON `scheduler_runs` (`last_tick_at`);--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `claimed_at` integer;--> statement-breakpoint
CREATE INDEX `mail_outbox_sending_idx` ON `mail_outbox` (`claimed_at`) WHERE status = 'sending';--> statement-breakpoint
CREATE INDEX `mail_outbox_failed_idx` ON `mail_outbox` (`id`) WHERE status = 'failed';