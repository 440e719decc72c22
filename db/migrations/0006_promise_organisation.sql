CREATE TABLE `briefings_sent` (
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `day`),
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `hq_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`unit_id` integer,
	`staff_id` text NOT NULL,
	`clock_id` integer,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clock_id`) REFERENCES `thread_clocks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hq_reports_clock_unique` ON `hq_reports` (`clock_id`);--> statement-breakpoint
CREATE INDEX `hq_reports_created_idx` ON `hq_reports` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `org_recipients` (
	`unit_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`address` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `purpose`, `address`),
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_units_slug_unique` ON `org_units` (`slug`);--> statement-breakpoint
-- Group headquarters exists from the start; regional companies are added by admins.
INSERT INTO `org_units` (`id`, `kind`, `slug`, `name`, `created_at`) VALUES (1, 'hq', 'hq', '集团总部', 0);--> statement-breakpoint
CREATE TABLE `promise_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`clock_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`note` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clock_id`) REFERENCES `thread_clocks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promise_records_thread_idx` ON `promise_records` (`thread_id`,`id`);--> statement-breakpoint
CREATE TABLE `solutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`post_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`promised_date` text,
	`promise_clock_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`promise_clock_id`) REFERENCES `thread_clocks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `solutions_thread_idx` ON `solutions` (`thread_id`,`id`);--> statement-breakpoint
ALTER TABLE `callbacks` ADD `method` text NOT NULL DEFAULT 'phone';--> statement-breakpoint
ALTER TABLE `callbacks` ADD `note` text;--> statement-breakpoint
-- A call-back's outcome was free text with a 1-5 score; it is now one of three outcomes, the text its note.
UPDATE `callbacks` SET `note` = `outcome`, `outcome` = CASE WHEN `satisfaction` >= 4 THEN 'satisfied' ELSE 'not_satisfied' END;--> statement-breakpoint
CREATE INDEX `callbacks_called_idx` ON `callbacks` (`called_at`);--> statement-breakpoint
ALTER TABLE `callbacks` DROP COLUMN `satisfaction`;--> statement-breakpoint
ALTER TABLE `posts` ADD `official_kind` text;--> statement-breakpoint
-- Official answers posted before progress notes existed each stopped the answer clock: solutions.
UPDATE `posts` SET `official_kind` = 'solution' WHERE `kind` = 'official';--> statement-breakpoint
ALTER TABLE `projects` ADD `unit_id` integer REFERENCES org_units(id);--> statement-breakpoint
CREATE INDEX `projects_unit_idx` ON `projects` (`unit_id`);--> statement-breakpoint
ALTER TABLE `thread_ratings` ADD `overall` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `promise_clock_id` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `holder` text DEFAULT 'regional' NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `resolved_at` integer;--> statement-breakpoint
CREATE INDEX `threads_status_resolved_idx` ON `threads` (`status`,`resolved_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `unit_id` integer REFERENCES org_units(id);--> statement-breakpoint
-- Headquarters' reports, solutions, kept promises and call-backs are records: never changed or deleted.
CREATE TRIGGER `hq_reports_no_update` BEFORE UPDATE ON `hq_reports` BEGIN SELECT RAISE(ABORT, 'hq_reports is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `hq_reports_no_delete` BEFORE DELETE ON `hq_reports` BEGIN SELECT RAISE(ABORT, 'hq_reports is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `solutions_no_update` BEFORE UPDATE ON `solutions` BEGIN SELECT RAISE(ABORT, 'solutions is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `solutions_no_delete` BEFORE DELETE ON `solutions` BEGIN SELECT RAISE(ABORT, 'solutions is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `promise_records_no_update` BEFORE UPDATE ON `promise_records` BEGIN SELECT RAISE(ABORT, 'promise_records is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `promise_records_no_delete` BEFORE DELETE ON `promise_records` BEGIN SELECT RAISE(ABORT, 'promise_records is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `callbacks_no_update` BEFORE UPDATE ON `callbacks` BEGIN SELECT RAISE(ABORT, 'callbacks is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `callbacks_no_delete` BEFORE DELETE ON `callbacks` BEGIN SELECT RAISE(ABORT, 'callbacks is append-only'); END;
