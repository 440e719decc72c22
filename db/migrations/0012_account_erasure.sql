-- An owner who deletes their account (PIPL) has their identifying words blanked from the
-- records about them (docs/decisions/0017-owners-own-data.md). The append-only records still
-- refuse every change, except inside the one transaction that deletes an account, which holds
-- the marker row 'account_erasure' in app_settings while it runs (no other transaction ever
-- sees it): then only their free-text columns may change. Nothing may be deleted, ever.
DROP TRIGGER `audit_log_no_update`;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only')
  WHERE NOT EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'account_erasure')
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`actor_id` IS NOT OLD.`actor_id` OR NEW.`action` IS NOT OLD.`action` OR NEW.`thread_id` IS NOT OLD.`thread_id` OR NEW.`post_id` IS NOT OLD.`post_id` OR NEW.`target_user_id` IS NOT OLD.`target_user_id` OR NEW.`created_at` IS NOT OLD.`created_at`;
END;--> statement-breakpoint
DROP TRIGGER `thread_events_no_update`;--> statement-breakpoint
CREATE TRIGGER `thread_events_no_update` BEFORE UPDATE ON `thread_events` BEGIN
  SELECT RAISE(ABORT, 'thread_events is append-only')
  WHERE NOT EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'account_erasure')
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`thread_id` IS NOT OLD.`thread_id` OR NEW.`kind` IS NOT OLD.`kind` OR NEW.`actor_id` IS NOT OLD.`actor_id` OR NEW.`post_id` IS NOT OLD.`post_id` OR NEW.`clock_id` IS NOT OLD.`clock_id` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`internal` IS NOT OLD.`internal`;
END;--> statement-breakpoint
DROP TRIGGER `post_revisions_no_update`;--> statement-breakpoint
CREATE TRIGGER `post_revisions_no_update` BEFORE UPDATE ON `post_revisions` BEGIN
  SELECT RAISE(ABORT, 'post_revisions is append-only')
  WHERE NOT EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'account_erasure')
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`post_id` IS NOT OLD.`post_id` OR NEW.`created_at` IS NOT OLD.`created_at`;
END;--> statement-breakpoint
DROP TRIGGER `hq_reports_no_update`;--> statement-breakpoint
CREATE TRIGGER `hq_reports_no_update` BEFORE UPDATE ON `hq_reports` BEGIN
  SELECT RAISE(ABORT, 'hq_reports is append-only')
  WHERE NOT EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'account_erasure')
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`thread_id` IS NOT OLD.`thread_id` OR NEW.`unit_id` IS NOT OLD.`unit_id` OR NEW.`staff_id` IS NOT OLD.`staff_id` OR NEW.`clock_id` IS NOT OLD.`clock_id` OR NEW.`created_at` IS NOT OLD.`created_at`;
END;--> statement-breakpoint
DROP TRIGGER `promise_records_no_update`;--> statement-breakpoint
CREATE TRIGGER `promise_records_no_update` BEFORE UPDATE ON `promise_records` BEGIN
  SELECT RAISE(ABORT, 'promise_records is append-only')
  WHERE NOT EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'account_erasure')
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`thread_id` IS NOT OLD.`thread_id` OR NEW.`clock_id` IS NOT OLD.`clock_id` OR NEW.`staff_id` IS NOT OLD.`staff_id` OR NEW.`created_at` IS NOT OLD.`created_at`;
END;--> statement-breakpoint
DROP TRIGGER `callbacks_no_update`;--> statement-breakpoint
CREATE TRIGGER `callbacks_no_update` BEFORE UPDATE ON `callbacks` BEGIN
  SELECT RAISE(ABORT, 'callbacks is append-only')
  WHERE NOT EXISTS (SELECT 1 FROM `app_settings` WHERE `key` = 'account_erasure')
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`thread_id` IS NOT OLD.`thread_id` OR NEW.`staff_id` IS NOT OLD.`staff_id` OR NEW.`called_at` IS NOT OLD.`called_at` OR NEW.`method` IS NOT OLD.`method` OR NEW.`outcome` IS NOT OLD.`outcome` OR NEW.`is_public` IS NOT OLD.`is_public` OR NEW.`created_at` IS NOT OLD.`created_at`;
END;
