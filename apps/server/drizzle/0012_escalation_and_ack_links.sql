CREATE TABLE "acknowledge_link_uses" (
	"nonce" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"person" text NOT NULL,
	"used_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_firings" (
	"key" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"policy" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "escalation_firings_incident_idx" ON "escalation_firings" USING btree ("incident_id");--> statement-breakpoint
-- A step fired and a link used are records: never updated or deleted.
CREATE TRIGGER escalation_firings_append_only BEFORE UPDATE OR DELETE ON escalation_firings
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER escalation_firings_no_truncate BEFORE TRUNCATE ON escalation_firings
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER acknowledge_link_uses_append_only BEFORE UPDATE OR DELETE ON acknowledge_link_uses
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER acknowledge_link_uses_no_truncate BEFORE TRUNCATE ON acknowledge_link_uses
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
