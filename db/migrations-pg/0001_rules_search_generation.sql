-- What the database itself keeps on PostgreSQL, as the SQLite migrations do (see
-- docs/decisions/0011): append-only records, the search index, derived counters; and
-- the generation that lets every web process drop its cached pages on any write.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE FUNCTION tousu_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('audit_log is append-only');--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('audit_log is append-only');--> statement-breakpoint
CREATE TRIGGER "thread_events_no_update" BEFORE UPDATE ON "thread_events" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('thread_events is append-only');--> statement-breakpoint
CREATE TRIGGER "thread_events_no_delete" BEFORE DELETE ON "thread_events" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('thread_events is append-only');--> statement-breakpoint
CREATE TRIGGER "post_revisions_no_update" BEFORE UPDATE ON "post_revisions" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('post_revisions is append-only');--> statement-breakpoint
CREATE TRIGGER "post_revisions_no_delete" BEFORE DELETE ON "post_revisions" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('post_revisions is append-only');--> statement-breakpoint
CREATE TRIGGER "posts_no_delete" BEFORE DELETE ON "posts" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('posts are never deleted');--> statement-breakpoint
CREATE TRIGGER "threads_no_delete" BEFORE DELETE ON "threads" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('threads are never deleted');--> statement-breakpoint
CREATE TRIGGER "disclosure_versions_frozen" BEFORE UPDATE ON "disclosure_versions" FOR EACH ROW WHEN (OLD.state = 'published') EXECUTE FUNCTION tousu_refuse('published disclosure versions are frozen');--> statement-breakpoint
CREATE TRIGGER "disclosure_versions_no_delete" BEFORE DELETE ON "disclosure_versions" FOR EACH ROW WHEN (OLD.state = 'published') EXECUTE FUNCTION tousu_refuse('published disclosure versions are never deleted');--> statement-breakpoint
CREATE TRIGGER "disclosure_factors_no_delete" BEFORE DELETE ON "disclosure_factors" FOR EACH ROW WHEN (OLD.first_published_at IS NOT NULL) EXECUTE FUNCTION tousu_refuse('published disclosure factors are never deleted');--> statement-breakpoint
CREATE TRIGGER "hq_reports_no_update" BEFORE UPDATE ON "hq_reports" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('hq_reports is append-only');--> statement-breakpoint
CREATE TRIGGER "hq_reports_no_delete" BEFORE DELETE ON "hq_reports" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('hq_reports is append-only');--> statement-breakpoint
CREATE TRIGGER "solutions_no_update" BEFORE UPDATE ON "solutions" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('solutions is append-only');--> statement-breakpoint
CREATE TRIGGER "solutions_no_delete" BEFORE DELETE ON "solutions" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('solutions is append-only');--> statement-breakpoint
CREATE TRIGGER "promise_records_no_update" BEFORE UPDATE ON "promise_records" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('promise_records is append-only');--> statement-breakpoint
CREATE TRIGGER "promise_records_no_delete" BEFORE DELETE ON "promise_records" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('promise_records is append-only');--> statement-breakpoint
CREATE TRIGGER "callbacks_no_update" BEFORE UPDATE ON "callbacks" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('callbacks is append-only');--> statement-breakpoint
CREATE TRIGGER "callbacks_no_delete" BEFORE DELETE ON "callbacks" FOR EACH ROW EXECUTE FUNCTION tousu_refuse('callbacks is append-only');--> statement-breakpoint
-- The search index: thread titles (id = -thread id) and visible posts (id = post id), searched
-- by trigrams, which find Chinese of three characters and more through the index.
CREATE TABLE "search_index" (
  "id" bigint PRIMARY KEY NOT NULL,
  "body" text NOT NULL,
  "thread_id" bigint NOT NULL,
  "post_id" bigint
);--> statement-breakpoint
CREATE INDEX "search_index_body_trgm" ON "search_index" USING gin ("body" gin_trgm_ops);--> statement-breakpoint
CREATE FUNCTION tousu_search_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE id = -NEW.id;
  INSERT INTO search_index (id, body, thread_id, post_id) VALUES (-NEW.id, NEW.title, NEW.id, NULL);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "search_threads_insert" AFTER INSERT ON "threads" FOR EACH ROW EXECUTE FUNCTION tousu_search_thread();--> statement-breakpoint
CREATE TRIGGER "search_threads_title" AFTER UPDATE OF "title" ON "threads" FOR EACH ROW EXECUTE FUNCTION tousu_search_thread();--> statement-breakpoint
CREATE FUNCTION tousu_search_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_index WHERE id = NEW.id;
  IF NEW.hidden_at IS NULL THEN
    INSERT INTO search_index (id, body, thread_id, post_id) VALUES (NEW.id, NEW.body_markdown, NEW.thread_id, NEW.id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "search_posts_insert" AFTER INSERT ON "posts" FOR EACH ROW WHEN (NEW.hidden_at IS NULL) EXECUTE FUNCTION tousu_search_post();--> statement-breakpoint
CREATE TRIGGER "search_posts_update" AFTER UPDATE OF "body_markdown", "hidden_at" ON "posts" FOR EACH ROW EXECUTE FUNCTION tousu_search_post();--> statement-breakpoint
CREATE FUNCTION tousu_thread_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects SET thread_count = thread_count + 1 WHERE id = NEW.project_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "threads_count_per_project" AFTER INSERT ON "threads" FOR EACH ROW EXECUTE FUNCTION tousu_thread_count();--> statement-breakpoint
CREATE FUNCTION tousu_next_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE threads SET next_deadline = (
    SELECT min(c.deadline) FROM thread_clocks c WHERE c.thread_id = NEW.thread_id AND c.met_at IS NULL AND c.closed_at IS NULL
  ) WHERE id = NEW.thread_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "thread_clocks_next_deadline_insert" AFTER INSERT ON "thread_clocks" FOR EACH ROW EXECUTE FUNCTION tousu_next_deadline();--> statement-breakpoint
CREATE TRIGGER "thread_clocks_next_deadline_update" AFTER UPDATE OF "met_at", "closed_at" ON "thread_clocks" FOR EACH ROW EXECUTE FUNCTION tousu_next_deadline();--> statement-breakpoint
-- Group headquarters exists from the start; regional companies are added by admins.
INSERT INTO "org_units" ("id", "kind", "slug", "name", "created_at") OVERRIDING SYSTEM VALUE VALUES (1, 'hq', 'hq', '集团总部', 0);--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('org_units', 'id'), 1);--> statement-breakpoint
-- Rate limits counted once for every web process (rate-limiter-flexible's PostgreSQL store).
CREATE TABLE "rate_limits" (
  "key" varchar(255) PRIMARY KEY,
  "points" integer NOT NULL DEFAULT 0,
  "expire" bigint
);--> statement-breakpoint
-- Moves on every write to what pages show, whichever process or script makes it: a page
-- kept for visitors without a session is dropped when it moves (one cheap read per page).
-- Sessions, the outbox, tokens and settings never change a page, so they do not move it.
CREATE SEQUENCE "tousu_generation";--> statement-breakpoint
CREATE FUNCTION tousu_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('tousu_generation');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_log_generation" AFTER INSERT OR UPDATE OR DELETE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "callbacks_generation" AFTER INSERT OR UPDATE OR DELETE ON "callbacks" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "disclosure_factors_generation" AFTER INSERT OR UPDATE OR DELETE ON "disclosure_factors" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "disclosure_subscriptions_generation" AFTER INSERT OR UPDATE OR DELETE ON "disclosure_subscriptions" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "disclosure_versions_generation" AFTER INSERT OR UPDATE OR DELETE ON "disclosure_versions" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "flags_generation" AFTER INSERT OR UPDATE OR DELETE ON "flags" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "hq_reports_generation" AFTER INSERT OR UPDATE OR DELETE ON "hq_reports" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "internal_notes_generation" AFTER INSERT OR UPDATE OR DELETE ON "internal_notes" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "me_toos_generation" AFTER INSERT OR UPDATE OR DELETE ON "me_toos" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "org_recipients_generation" AFTER INSERT OR UPDATE OR DELETE ON "org_recipients" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "org_units_generation" AFTER INSERT OR UPDATE OR DELETE ON "org_units" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "post_revisions_generation" AFTER INSERT OR UPDATE OR DELETE ON "post_revisions" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "posts_generation" AFTER INSERT OR UPDATE OR DELETE ON "posts" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "projects_generation" AFTER INSERT OR UPDATE OR DELETE ON "projects" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "promise_records_generation" AFTER INSERT OR UPDATE OR DELETE ON "promise_records" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "solutions_generation" AFTER INSERT OR UPDATE OR DELETE ON "solutions" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "thread_clocks_generation" AFTER INSERT OR UPDATE OR DELETE ON "thread_clocks" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "thread_events_generation" AFTER INSERT OR UPDATE OR DELETE ON "thread_events" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "thread_ratings_generation" AFTER INSERT OR UPDATE OR DELETE ON "thread_ratings" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "threads_generation" AFTER INSERT OR UPDATE OR DELETE ON "threads" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "users_generation" AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();
