-- callbacks.method got DEFAULT 'phone' in 0006 only because SQLite adds a NOT NULL column
-- to existing rows through a default; the schema (both engines' drizzle definitions and
-- PostgreSQL's table) has none, so a call-back recorded without its method is refused
-- rather than written down as a phone call. SQLite drops a default by rebuilding the table:
-- the rows are copied as they are, then its indexes and append-only triggers are made again.
-- Nothing references callbacks, so the foreign keys stay on throughout.
CREATE TABLE `__new_callbacks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`called_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`method` text NOT NULL,
	`note` text,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_callbacks` (`id`, `thread_id`, `staff_id`, `called_at`, `outcome`, `is_public`, `created_at`, `method`, `note`)
  SELECT `id`, `thread_id`, `staff_id`, `called_at`, `outcome`, `is_public`, `created_at`, `method`, `note` FROM `callbacks`;--> statement-breakpoint
-- Dropping a table fires none of its triggers: the append-only rule does not stand in the way.
DROP TABLE `callbacks`;--> statement-breakpoint
ALTER TABLE `__new_callbacks` RENAME TO `callbacks`;--> statement-breakpoint
CREATE INDEX `callbacks_thread_idx` ON `callbacks` (`thread_id`,`id`);--> statement-breakpoint
CREATE INDEX `callbacks_called_idx` ON `callbacks` (`called_at`);--> statement-breakpoint
CREATE TRIGGER `callbacks_no_update` BEFORE UPDATE ON `callbacks` BEGIN SELECT RAISE(ABORT, 'callbacks is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `callbacks_no_delete` BEFORE DELETE ON `callbacks` BEGIN SELECT RAISE(ABORT, 'callbacks is append-only'); END;
