CREATE TABLE "scheduler_runs" (
	"process_id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" bigint NOT NULL,
	"started_at" bigint NOT NULL,
	"last_tick_at" bigint,
	"last_tick_ms" bigint,
	"last_error" text,
	"breaches_recorded" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "claimed_at" bigint;--> statement-breakpoint
CREATE INDEX "scheduler_runs_last_tick_idx" ON "scheduler_runs" USING btree ("last_tick_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_sending_idx" ON "mail_outbox" USING btree ("claimed_at") WHERE status = 'sending';--> statement-breakpoint
CREATE INDEX "mail_outbox_failed_idx" ON "mail_outbox" USING btree ("id") WHERE status = 'failed';