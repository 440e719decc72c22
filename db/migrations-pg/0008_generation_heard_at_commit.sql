-- The generation's sequence moves inside the writing transaction, before it commits, and
-- another connection sees the move at once: a reader could take the new generation with the
-- old data and keep that until the next write. Each write now also sends a notice, which
-- PostgreSQL delivers only once the transaction has committed (and never if it rolls back);
-- every server process listens, and counts what it has heard into the generation.
CREATE OR REPLACE FUNCTION tousu_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('tousu_generation');
  PERFORM pg_notify('tousu_generation', '');
  RETURN NULL;
END $$;
