CREATE TABLE `owner_projects` (
	`user_id` text NOT NULL,
	`project_id` integer NOT NULL,
	`building` text,
	`unit` text,
	`phone` text,
	`purchase_date` text,
	`pseudonym` text,
	`verified_at` integer,
	`verified_by` text,
	`register_signed_on` text,
	`register_signed_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `project_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`register_signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `owner_projects_project_idx` ON `owner_projects` (`project_id`,`verified_at`);--> statement-breakpoint
CREATE TABLE `owner_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`project_id` integer NOT NULL,
	`contract_number` text,
	`contract_last4` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`requested_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `owner_verifications_user_idx` ON `owner_verifications` (`user_id`,`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `owner_verifications_pending_idx` ON `owner_verifications` (`requested_at`) WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE `users` ADD `deleted_at` integer;