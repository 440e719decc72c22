CREATE TABLE `disclosure_factors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`current_version_id` integer,
	`first_published_at` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosure_factors_project_idx` ON `disclosure_factors` (`project_id`,`status`);--> statement-breakpoint
CREATE TABLE `disclosure_subscriptions` (
	`project_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`project_id`, `user_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosure_subscriptions_user_idx` ON `disclosure_subscriptions` (`user_id`);--> statement-breakpoint
CREATE TABLE `disclosure_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`factor_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`action` text DEFAULT 'publish' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`factor_type` text NOT NULL,
	`title` text NOT NULL,
	`impact` text NOT NULL,
	`direction` text NOT NULL,
	`distance_m` integer NOT NULL,
	`mitigation` text,
	`source_note` text,
	`withdraw_reason` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`published_at` integer,
	`published_by` text,
	FOREIGN KEY (`factor_id`) REFERENCES `disclosure_factors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosure_versions_factor_idx` ON `disclosure_versions` (`factor_id`,`id`);--> statement-breakpoint
CREATE INDEX `disclosure_versions_project_published_idx` ON `disclosure_versions` (`project_id`,`published_at`);--> statement-breakpoint
ALTER TABLE `threads` ADD `related_factor_id` integer;--> statement-breakpoint
CREATE INDEX `threads_related_factor_idx` ON `threads` (`related_factor_id`);--> statement-breakpoint
-- A disclosure is a public record: once published, a version can never change or disappear.
CREATE TRIGGER `disclosure_versions_frozen` BEFORE UPDATE ON `disclosure_versions`
  WHEN OLD.`state` = 'published'
  BEGIN SELECT RAISE(ABORT, 'published disclosure versions are frozen'); END;--> statement-breakpoint
CREATE TRIGGER `disclosure_versions_no_delete` BEFORE DELETE ON `disclosure_versions`
  WHEN OLD.`state` = 'published'
  BEGIN SELECT RAISE(ABORT, 'published disclosure versions are never deleted'); END;--> statement-breakpoint
CREATE TRIGGER `disclosure_factors_no_delete` BEFORE DELETE ON `disclosure_factors`
  WHEN OLD.`first_published_at` IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'published disclosure factors are never deleted'); END;
