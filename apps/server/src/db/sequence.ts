import { sql } from 'drizzle-orm';
import type { PgSequence } from 'drizzle-orm/pg-core';
import type { Tx } from './connect';

/** Draws the next number from a sequence (ids such as INC-42 are built from these). */
export async function nextval(tx: Tx, sequence: PgSequence): Promise<number> {
  const result = (await tx.execute(sql`select nextval(${sequence.seqName}) as n`)) as unknown as {
    rows: Array<{ n: string | number }>;
  };
  return Number(result.rows[0]?.n);
}
