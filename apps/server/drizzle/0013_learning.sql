CREATE SEQUENCE "public"."action_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."verification_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "action_follow_ups" (
	"action_id" text NOT NULL,
	"day" integer NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"action_id" text NOT NULL,
	"kind" text NOT NULL,
	"passed" boolean NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"trigger" text NOT NULL,
	CONSTRAINT "action_verifications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" text PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"incident_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"category" text NOT NULL,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"owner" text,
	"due_at" timestamp with time zone,
	"systems" text[] NOT NULL,
	"tracker" text,
	"verification" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "actions_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "postmortems" (
	"incident_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"owner" text,
	"due_at" timestamp with time zone,
	"template" text NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "action_follow_ups_key" ON "action_follow_ups" USING btree ("action_id","day");--> statement-breakpoint
CREATE INDEX "action_verifications_action_idx" ON "action_verifications" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "actions_incident_idx" ON "actions" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "actions_owner_idx" ON "actions" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "actions_status_idx" ON "actions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "postmortems_status_idx" ON "postmortems" USING btree ("status");--> statement-breakpoint
-- Verification runs and follow-ups are records: never updated or deleted.
CREATE TRIGGER action_verifications_append_only BEFORE UPDATE OR DELETE ON action_verifications
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER action_verifications_no_truncate BEFORE TRUNCATE ON action_verifications
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER action_follow_ups_append_only BEFORE UPDATE OR DELETE ON action_follow_ups
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER action_follow_ups_no_truncate BEFORE TRUNCATE ON action_follow_ups
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
