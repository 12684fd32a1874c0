CREATE TABLE "alert_tunings" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"system" text NOT NULL,
	"monitor" text NOT NULL,
	"alert_id" text NOT NULL,
	"action" text NOT NULL,
	"steps" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alert_tunings_fingerprint_idx" ON "alert_tunings" USING btree ("fingerprint","seq");--> statement-breakpoint
CREATE INDEX "alert_tunings_alert_idx" ON "alert_tunings" USING btree ("alert_id");--> statement-breakpoint
-- What dismissals taught the engine is a record, like a control's history: never updated or deleted.
CREATE TRIGGER alert_tunings_append_only BEFORE UPDATE OR DELETE ON alert_tunings
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER alert_tunings_no_truncate BEFORE TRUNCATE ON alert_tunings
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
