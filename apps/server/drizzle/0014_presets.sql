CREATE SEQUENCE "public"."preset_application_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "preset_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"preset" text NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_by" text NOT NULL,
	"reason" text NOT NULL,
	"incident_id" text,
	"changes" jsonb NOT NULL,
	"reverted_at" timestamp with time zone,
	"reverted_by" text,
	"revert_reason" text
);
--> statement-breakpoint
ALTER TABLE "preset_applications" ADD CONSTRAINT "preset_applications_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "preset_applications_system_idx" ON "preset_applications" USING btree ("system","preset","status");