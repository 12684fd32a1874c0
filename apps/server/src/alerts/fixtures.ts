import type { Db } from '../db/connect';
import { alertNumbers, alerts } from '../db/schema';
import { nextval } from '../db/sequence';

/**
 * A firing alert written straight to the store, for tests about what people do with alerts
 * (the detectors that raise them are tested in detection/detection.test.ts).
 */
export async function buildAlert(db: Db, at: Date, overrides: Partial<typeof alerts.$inferInsert> = {}) {
  const id = `ALR-${await nextval(db, alertNumbers)}`;
  const [row] = await db
    .insert(alerts)
    .values({
      id,
      fingerprint: `support-copilot/pii/${id}`,
      system: 'support-copilot',
      monitor: 'pii',
      signal: 'flag:pii',
      detector: 'zero_tolerance',
      segment: null,
      level: 'page',
      status: 'firing',
      openedAt: at,
      onset: new Date(at.getTime() - 5 * 60_000),
      lastAt: at,
      value: 1,
      threshold: 0,
      score: 1,
      owner: 'support-ai',
      runbook: null,
      evidence: {},
      suppressedUntil: null,
      ...overrides,
    })
    .returning();
  return row!;
}
