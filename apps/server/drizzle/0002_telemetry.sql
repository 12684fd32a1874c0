CREATE TABLE "telemetry" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"event_id" text,
	"event" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "telemetry_system_ts_idx" ON "telemetry" USING btree ("system","ts");--> statement-breakpoint
CREATE INDEX "telemetry_received_at_idx" ON "telemetry" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "telemetry_event_id_idx" ON "telemetry" USING btree ("system","event_id");