CREATE INDEX `flags_user_idx` ON `flags` (`user_id`);--> statement-breakpoint
CREATE INDEX `mail_outbox_to_idx` ON `mail_outbox` (`to_address`);--> statement-breakpoint
CREATE INDEX `me_toos_user_idx` ON `me_toos` (`user_id`);--> statement-breakpoint
CREATE INDEX `photo_flags_user_idx` ON `photo_flags` (`user_id`);--> statement-breakpoint
CREATE INDEX `thread_ratings_user_idx` ON `thread_ratings` (`user_id`);