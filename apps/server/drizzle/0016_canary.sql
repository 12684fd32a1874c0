CREATE SEQUENCE "public"."canary_run_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "canary_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"system" text NOT NULL,
	"target" text NOT NULL,
	"baseline" text NOT NULL,
	"candidate" text NOT NULL,
	"sticky_by" text NOT NULL,
	"state" text NOT NULL,
	"plan" jsonb NOT NULL,
	"signals" text[] NOT NULL,
	"segment_by" text,
	"alpha" double precision NOT NULL,
	"tests" integer NOT NULL,
	"step" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"telemetry_seq" bigint NOT NULL,
	"last_decision" jsonb,
	"reason" text NOT NULL,
	"incident_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" text NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "canary_runs" ADD CONSTRAINT "canary_runs_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "canary_runs_one_running_idx" ON "canary_runs" USING btree ("key") WHERE "canary_runs"."state" = 'running';--> statement-breakpoint
CREATE INDEX "canary_runs_key_idx" ON "canary_runs" USING btree ("key","started_at");