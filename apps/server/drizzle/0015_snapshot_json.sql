-- The detection snapshot (megabytes of engine state, written whole after every step that alerts
-- and every 10 s, read whole on start) moves from jsonb to json: PostgreSQL keeps json as the
-- text sent, checked but not parsed into jsonb's binary form, which cost the server about
-- 80 ms per 4.5 MB snapshot on the throughput bench (jsonb 117-149 ms, json 44-58 ms per
-- upsert). Read back, the state is exactly what was written, key order included. Changing the
-- type resets the column's compression, so lz4 is set again where the server has it (as 0011).
ALTER TABLE "detection_snapshots" ALTER COLUMN "state" SET DATA TYPE json;--> statement-breakpoint
DO $$
BEGIN
  ALTER TABLE "detection_snapshots" ALTER COLUMN "state" SET COMPRESSION lz4;
EXCEPTION
  WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available here; the snapshot keeps the default compression';
END
$$;
