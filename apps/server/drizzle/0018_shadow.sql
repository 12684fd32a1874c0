CREATE SEQUENCE "public"."shadow_run_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "shadow_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"system" text NOT NULL,
	"target" text NOT NULL,
	"baseline" text NOT NULL,
	"candidate" text NOT NULL,
	"percent" double precision NOT NULL,
	"sticky_by" text NOT NULL,
	"state" text NOT NULL,
	"signals" text[] NOT NULL,
	"segment_by" text,
	"alpha" double precision NOT NULL,
	"tests" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"telemetry_seq" bigint NOT NULL,
	"reason" text,
	"incident_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" text NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "shadow_runs" ADD CONSTRAINT "shadow_runs_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shadow_runs_one_running_idx" ON "shadow_runs" USING btree ("key") WHERE "shadow_runs"."state" = 'running';--> statement-breakpoint
CREATE INDEX "shadow_runs_key_idx" ON "shadow_runs" USING btree ("key","started_at");