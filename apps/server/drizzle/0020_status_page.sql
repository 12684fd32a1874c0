CREATE SEQUENCE "public"."maintenance_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "status_components" (
	"component" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"incident_id" text,
	"set_at" timestamp with time zone NOT NULL,
	"set_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_maintenance" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"components" text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text
);
--> statement-breakpoint
CREATE TABLE "status_publications" (
	"update_id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"title" text NOT NULL,
	"components" text[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"approved_as" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_components" ADD CONSTRAINT "status_components_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_publications" ADD CONSTRAINT "status_publications_update_id_status_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."status_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_publications" ADD CONSTRAINT "status_publications_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_maintenance_ends_idx" ON "status_maintenance" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "status_publications_incident_idx" ON "status_publications" USING btree ("incident_id","published_at");--> statement-breakpoint
CREATE TRIGGER status_publications_append_only BEFORE UPDATE OR DELETE ON status_publications
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();--> statement-breakpoint
CREATE TRIGGER status_publications_no_truncate BEFORE TRUNCATE ON status_publications
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
