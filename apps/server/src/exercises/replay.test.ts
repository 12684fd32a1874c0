import type { TelemetryEvent } from '@firebreak/contract';
import { generateTelemetry } from '@firebreak/detection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectionRuntime } from '../detection/runtime';
import { appendTelemetry } from '../telemetry/store';
import { drillHarness } from '../test/drill-harness';
import type { Harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import type { ExerciseRunner } from './runner';
import { scenarioLibrary } from './service';

const MINUTE = 60_000;

// A past incident replayed as a drill: the telemetry its system recorded around the incident is
// fed, restamped on the drill clock, through today's monitors into the exercise space.
describe.each(STORE_TARGETS)('replaying a past incident on $name', (target) => {
  let h: Harness;
  let runtime: DetectionRuntime;
  let runner: ExerciseRunner;
  let incident: string;
  let origin: number;

  beforeAll(async () => {
    ({ h, runtime, runner } = await drillHarness(target));
    // What production recorded yesterday: a healthy stretch, then from origin + 15m answers with PII.
    const scenario = scenarioLibrary().find((one) => one.id === 'copilot-retrieval-pii-leak')!;
    origin = h.now().getTime() - 24 * 60 * MINUTE;
    const recorded = generateTelemetry(scenario, {
      fromMs: -3 * 60 * MINUTE,
      toMs: 60 * MINUTE,
      originMs: origin,
      seed: 11,
    }) as TelemetryEvent[];
    for (let i = 0; i < recorded.length; i += 2000)
      await appendTelemetry(h.store.db, recorded.slice(i, i + 2000), new Date(origin + 61 * MINUTE));
    const declared = await h.call('POST', '/api/v1/incidents', {
      body: {
        title: 'Copilot quoted another customer’s order',
        type: 'privacy_leak',
        severity: 'SEV1',
        systems: ['support-copilot'],
        onsetAt: new Date(origin + 15 * MINUTE).toISOString(),
        detectedAt: new Date(origin + 40 * MINUTE).toISOString(),
      },
    });
    expect(declared.status).toBe(201);
    incident = declared.body.id;
  }, 120_000);
  afterAll(() => h.close());

  it('turns the incident into a scenario from its recording', async () => {
    const created = await h.call('POST', '/api/v1/exercises', { body: { replayOf: incident, speed: 60 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      replayOf: incident,
      system: 'support-copilot',
      space: { system: 'support-copilot-drill-1' },
      scenario: { id: `replay-${incident.toLowerCase()}`, kind: 'privacy_leak' },
      // Drill time 10m is the recorded onset.
      clock: { onsetMs: 10 * MINUTE },
    });
    expect(created.body.scenario.expected).toMatchObject({ classify: { type: 'privacy_leak', severity: 'SEV1' } });
  });

  it('feeds the recording, restamped on the drill clock, until today’s monitors alert', async () => {
    const start = h.now().getTime();
    await h.call('POST', '/api/v1/exercises/DRL-1/clock', { body: { action: 'start' } });
    let alerts: { id: string; exercise: string; signal: string }[] = [];
    for (let i = 0; i < 120 && alerts.length === 0; i += 1) {
      h.advance(1000);
      await runner.tick();
      await runtime.catchUp();
      alerts = (await h.call('GET', '/api/v1/alerts?system=support-copilot-drill-1')).body.alerts;
    }
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]).toMatchObject({ exercise: 'DRL-1' });
    const drill = (await h.call('GET', '/api/v1/exercises/DRL-1')).body;
    // The recorded failure began at drill time 10m; at ×60 that is ten seconds after the start.
    expect(drill.clock.nowMs).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(h.now().getTime() - start).toBeGreaterThanOrEqual(10_000);
    const detect = drill.scorecard.items.find((item: { id: string }) => item.id === 'detect');
    expect(detect.met).toBe(true);
    // The real system's own history is where it was: nothing was written under its name.
    const real = (await h.call('GET', '/api/v1/alerts?system=support-copilot')).body.alerts;
    expect(real.every((alert: { exercise: string | null }) => alert.exercise === null)).toBe(true);
  });

  it('refuses to replay a drill’s own incident, or one with no recording', async () => {
    const bare = await h.call('POST', '/api/v1/incidents', {
      body: { title: 'No telemetry', type: 'model_degradation', severity: 'SEV3', systems: ['fraud-model'] },
    });
    const none = await h.call('POST', '/api/v1/exercises', { body: { replayOf: bare.body.id } });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/^replayOf: no recorded telemetry of fraud-model/);
  });
});
