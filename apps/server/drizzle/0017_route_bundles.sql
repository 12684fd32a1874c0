CREATE TABLE "control_bundles" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" text NOT NULL,
	"contents" jsonb NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by" text NOT NULL,
	"reason" text NOT NULL,
	"incident_id" text,
	"retired_at" timestamp with time zone,
	"retired_by" text,
	"retire_reason" text
);
--> statement-breakpoint
ALTER TABLE "control_bundles" ADD CONSTRAINT "control_bundles_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "control_bundles_version_idx" ON "control_bundles" USING btree ("key","version");--> statement-breakpoint
-- A bundle is immutable (ADR 30): its key, version and contents never change and its row is
-- never deleted (deleting or pruning retires it), so a version can never name other contents.
CREATE OR REPLACE FUNCTION firebreak_bundle_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.key <> OLD.key OR NEW.version <> OLD.version OR NEW.contents <> OLD.contents
    OR NEW.registered_at <> OLD.registered_at OR NEW.registered_by <> OLD.registered_by THEN
    RAISE EXCEPTION 'table % holds immutable bundles: % refused', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER control_bundles_immutable BEFORE UPDATE OR DELETE ON control_bundles
  FOR EACH ROW EXECUTE FUNCTION firebreak_bundle_immutable();
--> statement-breakpoint
CREATE TRIGGER control_bundles_no_truncate BEFORE TRUNCATE ON control_bundles
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
