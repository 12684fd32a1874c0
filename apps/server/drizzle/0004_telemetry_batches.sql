CREATE TABLE "telemetry_batches" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"systems" text[] NOT NULL,
	"events" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "telemetry_batches_received_at_idx" ON "telemetry_batches" USING btree ("received_at");