-- What 0012_account_erasure does on SQLite: the append-only records refuse every change,
-- except inside the one transaction that deletes an account, which holds the marker row
-- 'account_erasure' in app_settings while it runs (no other transaction ever sees it); then
-- only the free-text columns named in the trigger may change (docs/decisions/0017-owners-own-data.md).
CREATE FUNCTION tousu_refuse_unless_erasing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0] is the refusal; the others name the columns an erasure may blank.
  IF EXISTS (SELECT 1 FROM app_settings WHERE key = 'account_erasure')
     AND (to_jsonb(NEW) - TG_ARGV[1:]) = (to_jsonb(OLD) - TG_ARGV[1:]) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;--> statement-breakpoint
DROP TRIGGER "audit_log_no_update" ON "audit_log";--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION tousu_refuse_unless_erasing('audit_log is append-only', 'before', 'after');--> statement-breakpoint
DROP TRIGGER "thread_events_no_update" ON "thread_events";--> statement-breakpoint
CREATE TRIGGER "thread_events_no_update" BEFORE UPDATE ON "thread_events" FOR EACH ROW EXECUTE FUNCTION tousu_refuse_unless_erasing('thread_events is append-only', 'note', 'from_value', 'to_value');--> statement-breakpoint
DROP TRIGGER "post_revisions_no_update" ON "post_revisions";--> statement-breakpoint
CREATE TRIGGER "post_revisions_no_update" BEFORE UPDATE ON "post_revisions" FOR EACH ROW EXECUTE FUNCTION tousu_refuse_unless_erasing('post_revisions is append-only', 'body_markdown');--> statement-breakpoint
DROP TRIGGER "hq_reports_no_update" ON "hq_reports";--> statement-breakpoint
CREATE TRIGGER "hq_reports_no_update" BEFORE UPDATE ON "hq_reports" FOR EACH ROW EXECUTE FUNCTION tousu_refuse_unless_erasing('hq_reports is append-only', 'note');--> statement-breakpoint
DROP TRIGGER "promise_records_no_update" ON "promise_records";--> statement-breakpoint
CREATE TRIGGER "promise_records_no_update" BEFORE UPDATE ON "promise_records" FOR EACH ROW EXECUTE FUNCTION tousu_refuse_unless_erasing('promise_records is append-only', 'note');--> statement-breakpoint
DROP TRIGGER "callbacks_no_update" ON "callbacks";--> statement-breakpoint
CREATE TRIGGER "callbacks_no_update" BEFORE UPDATE ON "callbacks" FOR EACH ROW EXECUTE FUNCTION tousu_refuse_unless_erasing('callbacks is append-only', 'note');
