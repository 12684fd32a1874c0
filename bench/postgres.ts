/**
 * A database of its own on the benchmark's PostgreSQL server, for benchmarks that need an empty
 * store. The server is `FIREBREAK_BENCH_POSTGRES_URL` (or `FIREBREAK_TEST_POSTGRES_URL`), else this
 * machine's at 127.0.0.1:5432.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_POSTGRES_URL =
  process.env.FIREBREAK_BENCH_POSTGRES_URL ??
  process.env.FIREBREAK_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a database named `prefix` plus a random suffix (or exactly `name` when given, dropped
 * first if a previous run left it), and says how to drop it.
 *
 * @example
 * const database = await freshDatabase({ prefix: 'firebreak_fuzz' });
 * try { run(database.url) } finally { await database.drop() }
 */
export async function freshDatabase(options: { prefix?: string; name?: string } = {}): Promise<FreshDatabase> {
  const name = options.name ?? `${options.prefix ?? 'firebreak_bench'}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name: ${name} is not a plain identifier`);
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
