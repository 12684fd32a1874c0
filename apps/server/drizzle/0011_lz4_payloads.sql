-- The telemetry log and the detection snapshot are the two large values written on the hot
-- path (a row of up to 1 MiB of events per batch; megabytes of engine state per snapshot).
-- PostgreSQL compresses them with pglz by default; lz4 compresses and decompresses several
-- times faster for about the same size. Only servers built with lz4 (PostgreSQL 14 or later,
-- as Debian and the official images ship) have it: PGlite and others keep pglz, and the
-- migration still succeeds. Existing rows keep their compression until rewritten.
DO $$
BEGIN
  ALTER TABLE "telemetry_batches" ALTER COLUMN "events" SET COMPRESSION lz4;
  ALTER TABLE "telemetry" ALTER COLUMN "event" SET COMPRESSION lz4;
  ALTER TABLE "detection_snapshots" ALTER COLUMN "state" SET COMPRESSION lz4;
EXCEPTION
  WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available here; telemetry keeps the default compression';
END
$$;
