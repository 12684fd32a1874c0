CREATE SEQUENCE "public"."alert_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."triage_proposal_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "alert_suppressions" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"system" text NOT NULL,
	"monitor" text NOT NULL,
	"signal" text NOT NULL,
	"detector" text NOT NULL,
	"segment" jsonb,
	"level" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"onset" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"score" double precision NOT NULL,
	"owner" text NOT NULL,
	"runbook" text,
	"evidence" jsonb NOT NULL,
	"incident_id" text,
	"suppressed_until" timestamp with time zone,
	"dismissed_by" text,
	"dismissed_at" timestamp with time zone,
	"dismiss_reason" text
);
--> statement-breakpoint
CREATE TABLE "detection_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"offset" bigint NOT NULL,
	"state" jsonb NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"decision" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"incident_id" text
);
--> statement-breakpoint
CREATE TABLE "triage_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_proposals" ADD CONSTRAINT "triage_proposals_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_proposals" ADD CONSTRAINT "triage_proposals_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_episode_idx" ON "alerts" USING btree ("fingerprint","opened_at");--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "alerts_system_opened_idx" ON "alerts" USING btree ("system","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "triage_proposals_alert_rule_idx" ON "triage_proposals" USING btree ("alert_id","rule_id");