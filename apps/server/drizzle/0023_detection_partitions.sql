CREATE TABLE "detection_partitions" (
	"partition" integer PRIMARY KEY NOT NULL,
	"owner" text,
	"epoch" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"offset" bigint DEFAULT 0 NOT NULL,
	"state" json,
	"saved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "detection_workers" (
	"id" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
