CREATE SEQUENCE "public"."approval_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."review_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "control_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"why" text NOT NULL,
	"change" jsonb NOT NULL,
	"base_seq" bigint NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_token" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "control_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"incident_id" text,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"expires_at" timestamp with time zone,
	"approved_by" text,
	"approval_id" text
);
--> statement-breakpoint
CREATE TABLE "controls" (
	"key" text PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"state" jsonb NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revert_state" jsonb,
	"incident_id" text
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" text PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"control_key" text,
	"incident_id" text,
	"event_id" text,
	"content" jsonb NOT NULL,
	"routed_because" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision" jsonb
);
--> statement-breakpoint
ALTER TABLE "control_changes" ADD CONSTRAINT "control_changes_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "controls" ADD CONSTRAINT "controls_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_approvals_status_idx" ON "control_approvals" USING btree ("status");--> statement-breakpoint
CREATE INDEX "control_changes_key_idx" ON "control_changes" USING btree ("key","seq");--> statement-breakpoint
CREATE INDEX "controls_system_idx" ON "controls" USING btree ("system");--> statement-breakpoint
CREATE INDEX "controls_seq_idx" ON "controls" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "controls_expires_idx" ON "controls" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "review_items_status_idx" ON "review_items" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "review_items_system_idx" ON "review_items" USING btree ("system");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_event_idx" ON "review_items" USING btree ("system","event_id");--> statement-breakpoint
-- A control's history is evidence, like the timeline: never updated or deleted.
CREATE TRIGGER control_changes_append_only BEFORE UPDATE OR DELETE ON control_changes
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER control_changes_no_truncate BEFORE TRUNCATE ON control_changes
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
