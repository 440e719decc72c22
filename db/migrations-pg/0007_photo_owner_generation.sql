-- Photos and owners' records show on pages read without a session (a gallery, a tombstone,
-- a pseudonym, a verified owner's badge, the disclosure judged against a purchase date), so a
-- change to them moves the page cache's generation like any other public write.
CREATE TRIGGER "photos_generation" AFTER INSERT OR UPDATE OR DELETE ON "photos" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "photo_flags_generation" AFTER INSERT OR UPDATE OR DELETE ON "photo_flags" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();--> statement-breakpoint
CREATE TRIGGER "owner_projects_generation" AFTER INSERT OR UPDATE OR DELETE ON "owner_projects" FOR EACH STATEMENT EXECUTE FUNCTION tousu_bump_generation();
