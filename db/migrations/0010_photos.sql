CREATE TABLE `photo_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`photo_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	`decision` text,
	FOREIGN KEY (`photo_id`) REFERENCES `photos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `photo_flags_photo_user_unique` ON `photo_flags` (`photo_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `photo_flags_open_idx` ON `photo_flags` (`photo_id`) WHERE reviewed_at is null;--> statement-breakpoint
CREATE TABLE `photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uploader_id` text NOT NULL,
	`post_id` integer,
	`promise_record_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`caption` text,
	`source_type` text NOT NULL,
	`upload_bytes` integer NOT NULL,
	`display_hash` text NOT NULL,
	`display_width` integer NOT NULL,
	`display_height` integer NOT NULL,
	`display_bytes` integer NOT NULL,
	`thumb_hash` text NOT NULL,
	`thumb_width` integer NOT NULL,
	`thumb_height` integer NOT NULL,
	`created_at` integer NOT NULL,
	`attached_at` integer,
	`removed_at` integer,
	`hidden_at` integer,
	`hidden_reason` text,
	`hidden_by` text,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`promise_record_id`) REFERENCES `promise_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hidden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photos_post_idx` ON `photos` (`post_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `photos_promise_record_idx` ON `photos` (`promise_record_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `photos_uploader_idx` ON `photos` (`uploader_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `photos_display_hash_idx` ON `photos` (`display_hash`);--> statement-breakpoint
CREATE INDEX `photos_thumb_hash_idx` ON `photos` (`thumb_hash`);--> statement-breakpoint
CREATE INDEX `photos_pending_idx` ON `photos` (`created_at`) WHERE post_id is null and promise_record_id is null;