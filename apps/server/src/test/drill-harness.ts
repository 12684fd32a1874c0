import { OnCallDirectory, SystemCard } from '@firebreak/contract';
import pino from 'pino';
import type { Ctx } from '../context';
import { demoDirectory } from '../demo/directory';
import { DEMO_SYSTEMS } from '../demo/systems';
import { DetectionRuntime } from '../detection/runtime';
import { ExerciseRunner } from '../exercises/runner';
import { applySystems } from '../flows/apply-catalog';
import { type Harness, harness } from './harness';
import type { StoreTarget } from './stores';

/**
 * For drill tests: a harness with the demo's systems and directory applied, a detection runtime
 * loaded and a drill runner, all on the harness's clock (ticked by the test, never by a timer).
 */
export async function drillHarness(
  target: StoreTarget,
): Promise<{ h: Harness; runtime: DetectionRuntime; runner: ExerciseRunner }> {
  const h = await harness(target);
  const log = pino({ level: 'silent' });
  const ctx: Ctx = {
    db: h.store.db,
    actor: { name: 'platform-admin', role: 'admin', tokenId: null },
    now: h.now,
    log,
    requestId: 'test',
    events: h.events,
  };
  await applySystems({
    ctx,
    input: {
      systems: DEMO_SYSTEMS.map((card) => SystemCard.parse(card)),
      directory: OnCallDirectory.parse(demoDirectory(h.now())),
    },
  });
  const runtime = new DetectionRuntime({ db: h.store.db, log, events: h.events, now: h.now });
  await runtime.load();
  const runner = new ExerciseRunner({ db: h.store.db, log, events: h.events, now: h.now });
  return { h, runtime, runner };
}
