CREATE SEQUENCE "public"."exercise_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"scenario_id" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"team" text NOT NULL,
	"facilitator" text NOT NULL,
	"system" text NOT NULL,
	"space_system" text NOT NULL,
	"channel" text,
	"replay_of" text,
	"replay" jsonb,
	"speed" double precision DEFAULT 1 NOT NULL,
	"clock" jsonb NOT NULL,
	"injects" jsonb NOT NULL,
	"fed_until" bigint DEFAULT 0 NOT NULL,
	"scorecard" jsonb,
	"passed" boolean,
	"hotwash" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exercises_number_unique" UNIQUE("number"),
	CONSTRAINT "exercises_mode_check" CHECK ("exercises"."mode" in ('live_fire', 'tabletop')),
	CONSTRAINT "exercises_status_check" CHECK ("exercises"."status" in ('ready', 'running', 'paused', 'ended'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_status_check";--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "exercise_id" text;--> statement-breakpoint
ALTER TABLE "controls" ADD COLUMN "exercise_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "exercise_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "exercise_id" text;--> statement-breakpoint
ALTER TABLE "systems" ADD COLUMN "exercise_id" text;--> statement-breakpoint
CREATE INDEX "exercises_status_idx" ON "exercises" USING btree ("status");--> statement-breakpoint
CREATE INDEX "exercises_team_idx" ON "exercises" USING btree ("team","created_at");--> statement-breakpoint
CREATE INDEX "incidents_exercise_idx" ON "incidents" USING btree ("exercise_id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('pending', 'delivering', 'delivered', 'failed', 'held'));