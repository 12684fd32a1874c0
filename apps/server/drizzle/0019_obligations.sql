CREATE SEQUENCE "public"."obligation_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "obligations" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"system" text NOT NULL,
	"rule_id" text NOT NULL,
	"stage" text NOT NULL,
	"regime" text NOT NULL,
	"article" text NOT NULL,
	"title" text NOT NULL,
	"recipient" text NOT NULL,
	"trigger" text NOT NULL,
	"clock_start" timestamp with time zone NOT NULL,
	"counting" text NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"due_rolled" timestamp with time zone,
	"governed_by" text,
	"source" jsonb NOT NULL,
	"applicability" text NOT NULL,
	"state" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"submitted_at" timestamp with time zone,
	"reference" text,
	"report_url" text,
	"report_sha256" text,
	"justification" text,
	"pack_version" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_incident_rule_stage_idx" ON "obligations" USING btree ("incident_id","system","rule_id","stage");--> statement-breakpoint
CREATE INDEX "obligations_pending_due_idx" ON "obligations" USING btree ("state","due");