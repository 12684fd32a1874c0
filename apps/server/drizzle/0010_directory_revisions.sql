CREATE TABLE "directory_revisions" (
	"revision" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"document" jsonb NOT NULL
);
--> statement-breakpoint
-- Each version of who can be reached is a record: never updated or deleted.
CREATE TRIGGER directory_revisions_append_only BEFORE UPDATE OR DELETE ON directory_revisions
  FOR EACH ROW EXECUTE FUNCTION firebreak_forbid_change();
--> statement-breakpoint
CREATE TRIGGER directory_revisions_no_truncate BEFORE TRUNCATE ON directory_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION firebreak_forbid_change();
