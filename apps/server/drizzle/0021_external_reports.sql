CREATE TABLE "external_report_attachments" (
	"report_ref" text NOT NULL,
	"n" integer NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "external_reports" (
	"ref" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"system" text,
	"what_happened" text NOT NULL,
	"occurred" text,
	"email" text,
	"consent" boolean NOT NULL,
	"source_hash" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"last_update_at" timestamp with time zone,
	"incident_id" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_reason" text
);
--> statement-breakpoint
ALTER TABLE "external_report_attachments" ADD CONSTRAINT "external_report_attachments_report_ref_external_reports_ref_fk" FOREIGN KEY ("report_ref") REFERENCES "public"."external_reports"("ref") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_report_attachments" ADD CONSTRAINT "external_report_attachments_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_reports" ADD CONSTRAINT "external_reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_report_attachments_ref_n_idx" ON "external_report_attachments" USING btree ("report_ref","n");--> statement-breakpoint
CREATE INDEX "external_reports_status_idx" ON "external_reports" USING btree ("status","received_at");--> statement-breakpoint
CREATE TRIGGER external_report_attachments_append_only BEFORE UPDATE OR DELETE ON external_report_attachments
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER external_report_attachments_no_truncate BEFORE TRUNCATE ON external_report_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
