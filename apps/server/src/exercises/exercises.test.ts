import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/store';
import type { DetectionRuntime } from '../detection/runtime';
import { insertNotifications } from '../notifications/store';
import { drillHarness } from '../test/drill-harness';
import type { Harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import type { ExerciseRunner } from './runner';

const SECOND = 1000;

describe.each(STORE_TARGETS)('a live-fire drill on $name', (target) => {
  let h: Harness;
  let runtime: DetectionRuntime;
  let runner: ExerciseRunner;
  let drill: any;
  let alert: any;
  let incident: string;
  let realIncidents: number;
  let realControls: unknown;

  /** Moves the wall clock a second at a time, the runner and the monitors following. */
  const run = async (seconds: number, until?: () => Promise<boolean>) => {
    for (let i = 0; i < seconds; i += 1) {
      h.advance(SECOND);
      await runner.tick();
      await runtime.catchUp();
      if (until && (await until())) return true;
    }
    return false;
  };

  beforeAll(async () => {
    ({ h, runtime, runner } = await drillHarness(target));
    realIncidents = (await h.call('GET', '/api/v1/incidents?exercise=exclude')).body.total;
    realControls = (await h.call('GET', '/api/v1/controls?system=support-copilot')).body.controls;
  });
  afterAll(() => h.close());

  it('sets up an exercise space: a copy of the system and its controls', async () => {
    const created = await h.call('POST', '/api/v1/exercises', {
      body: { scenario: 'copilot-retrieval-pii-leak', mode: 'live_fire', speed: 30 },
    });
    expect(created.status).toBe(201);
    drill = created.body;
    expect(drill).toMatchObject({
      id: 'DRL-1',
      status: 'ready',
      system: 'support-copilot',
      space: { system: 'support-copilot-drill-1' },
      clock: { speed: 30, nowMs: 0 },
    });
    expect(drill.space.controls).toContain('support-copilot-drill-1.auto-send');
    const copy = await h.call('GET', '/api/v1/controls/support-copilot-drill-1.auto-send');
    expect(copy.body.exercise ?? copy.body.control?.exercise).toBe('DRL-1');
  });

  it('feeds the warm-up, then the failure, so the real monitors raise the alert', async () => {
    const started = await h.call('POST', `/api/v1/exercises/${drill.id}/clock`, { body: { action: 'start' } });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('running');
    // Warm-up: two days of history in six-hour steps, then the live stretch at 30× (15 drill
    // minutes to the onset is 30 s of wall time).
    const fired = await run(240, async () => {
      const alerts = (await h.call('GET', '/api/v1/alerts?system=support-copilot-drill-1')).body.alerts;
      alert = alerts[0];
      return alerts.length > 0;
    });
    expect(fired).toBe(true);
    expect(alert.exercise).toBe('DRL-1');
    const now = (await h.call('GET', `/api/v1/exercises/${drill.id}`)).body;
    expect(now.clock.nowMs).toBeGreaterThanOrEqual(now.clock.onsetMs);
    const detect = now.scorecard.items.find((item: { id: string }) => item.id === 'detect');
    expect(detect.actual).not.toBe('—');
    // Alert precision across systems is a real metric: the drill's alert is not in it.
    const hygiene = (await h.call('GET', '/api/v1/alerts/hygiene')).body.monitors;
    expect(hygiene.some((row: { system: string }) => row.system === 'support-copilot-drill-1')).toBe(false);
  });

  it('declares from the alert: the incident is the drill’s, and contains with its own controls only', async () => {
    const declared = await h.call('POST', `/api/v1/alerts/${alert.id}/incident`, {
      body: { type: 'privacy_leak', severity: 'SEV1' },
    });
    expect(declared.status).toBe(201);
    incident = declared.body.id;
    expect(declared.body.exercise).toBe('DRL-1');

    const real = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: false, reason: 'drill containment', incident },
    });
    expect(real.status).toBe(403);
    expect(real.body.error.message).toMatch(/incident of drill DRL-1: it may change only that drill's controls/);
    expect((await h.call('GET', '/api/v1/controls?system=support-copilot')).body.controls).toEqual(realControls);

    const own = await h.call('POST', '/api/v1/controls/support-copilot-drill-1.auto-send', {
      body: { enabled: false, reason: 'stop sending while the leak is open', incident },
    });
    expect(own.status).toBe(200);
    const contained = await h.call('POST', `/api/v1/incidents/${incident}/transition`, {
      body: { status: 'contained', reason: 'auto-send off in the drill' },
    });
    expect(contained.status).toBe(200);
    await run(5);
    const card = (await h.call('GET', `/api/v1/exercises/${drill.id}`)).body.scorecard;
    const item = (id: string) => card.items.find((entry: { id: string }) => entry.id === id);
    expect(item('declare').actual).toMatch(/after onset/);
    expect(item('classify').met).toBe(true);
    expect(item('contain').actual).toMatch(/after onset/);
  });

  it('keeps a real incident off the drill’s controls, and drill incidents off real metrics', async () => {
    const realOne = await h.call('POST', '/api/v1/incidents', {
      body: { title: 'Real one', type: 'privacy_leak', severity: 'SEV2', systems: ['support-copilot'] },
    });
    expect(realOne.status).toBe(201);
    expect(realOne.body.exercise).toBeNull();
    const crossed = await h.call('POST', '/api/v1/controls/support-copilot-drill-1.filter', {
      body: { level: 'strict', reason: 'x', incident: realOne.body.id },
    });
    expect(crossed.body.error?.message).toMatch(/belongs to drill DRL-1's exercise space; a real incident/);
    expect(crossed.status).toBe(403);
    const mixed = await h.call('POST', '/api/v1/incidents', {
      body: {
        title: 'Mixed',
        type: 'privacy_leak',
        severity: 'SEV2',
        systems: ['support-copilot', 'support-copilot-drill-1'],
      },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toMatch(/^systems: /);
    // Nor may records cross between the spaces by merging or attaching.
    const merged = await h.call('POST', `/api/v1/incidents/${realOne.body.id}/merge`, {
      body: { into: incident, reason: 'same thing?' },
    });
    expect(merged.status).toBe(403);
    expect(merged.body.error.details).toMatchObject({ field: 'into', rule: 'exercise-space' });
    const attached = await h.call('POST', `/api/v1/alerts/${alert.id}/attach`, {
      body: { incident: realOne.body.id, reason: 'same thing?' },
    });
    expect(attached.status).toBe(403);
    expect(attached.body.error.message).toMatch(/belongs to drill DRL-1; it may go only on that drill's incidents/);
    const excluded = (await h.call('GET', '/api/v1/incidents?exercise=exclude')).body;
    expect(excluded.total).toBe(realIncidents + 1);
    expect(excluded.incidents.every((row: { exercise: string | null }) => row.exercise === null)).toBe(true);
    const only = (await h.call('GET', '/api/v1/incidents?exercise=only')).body;
    expect(only.incidents.map((row: { id: string }) => row.id)).toEqual([incident]);
  });

  it('holds a drill’s notifications: recorded, never sent', async () => {
    await h.store.db.transaction(async (tx) => {
      await insertNotifications(
        tx,
        [
          {
            idempotencyKey: `${incident}:test:page`,
            incidentId: incident,
            channel: 'email',
            recipient: 'dana@example.com',
            payload: { kind: 'page' },
          },
        ],
        h.now(),
      );
    });
    const list = (await h.call('GET', `/api/v1/incidents/${incident}/notifications`)).body.notifications;
    const row = list.find((n: { channel: string }) => n.channel === 'email');
    expect(row.status).toBe('held');
  });

  it('ends, scores, runs the hotwash into a tracked action, and reports', async () => {
    const ended = await h.call('POST', `/api/v1/exercises/${drill.id}/clock`, {
      body: { action: 'end', reason: 'objectives covered' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    const again = await h.call('POST', `/api/v1/exercises/${drill.id}/clock`, { body: { action: 'pause' } });
    expect(again.status).toBe(409);
    const wash = await h.call('POST', `/api/v1/exercises/${drill.id}/hotwash`, {
      body: {
        findings: [
          { kind: 'strength', observation: 'The kill switch was found and used within minutes.' },
          {
            kind: 'improvement',
            observation: 'Nobody knew who holds the privacy role.',
            action: { title: 'Seat a privacy lead on the copilot rota', owner: 'dana-reyes' },
          },
        ],
      },
    });
    expect(wash.status).toBe(200);
    const actionId = wash.body.hotwash.findings[1].actionId;
    expect(actionId).toMatch(/^ACT-\d+$/);
    const action = (await h.call('GET', `/api/v1/actions/${actionId}`)).body;
    expect(action).toMatchObject({ incidentId: incident, systems: ['support-copilot'] });
    const report = (await h.call('GET', `/api/v1/exercises/${drill.id}/report`)).body.markdown;
    expect(report).toContain('# Drill report: DRL-1');
    expect(report).toContain(actionId);
    expect(report).toContain('Nobody knew who holds the privacy role.');
    const audit = (await readAudit(h.store.db)).filter((entry) => entry.subject === 'DRL-1').map((e) => e.action);
    expect(audit).toEqual(['exercise.created', 'exercise.start', 'exercise.end', 'exercise.hotwash']);
  });

  it('answers bad input with the field', async () => {
    const unknown = await h.call('POST', '/api/v1/exercises', { body: { scenario: 'no-such-thing' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^scenario: no scenario no-such-thing/);
    const both = await h.call('POST', '/api/v1/exercises', { body: { scenario: 'a', replayOf: 'INC-1' } });
    expect(both.status).toBe(400);
    const yaml = await h.call('POST', '/api/v1/exercises', {
      body: { scenarioYaml: 'id: broken\ntitle: Broken\nsystem: support-copilot\ntelemetry:\n  rate: 5000\n' },
    });
    expect(yaml.status).toBe(400);
    expect(JSON.stringify(yaml.body)).toMatch(/scenarioYaml:\d+/);
    const fast = await h.call('POST', `/api/v1/exercises/${drill.id}/clock`, { body: { action: 'speed', speed: 600 } });
    expect(fast.status).toBe(400);
    expect(fast.body.error.message).toMatch(/speed/);
    const channel = await h.call('POST', '/api/v1/exercises', {
      body: { scenario: 'copilot-retrieval-pii-leak', channel: '#drills' },
    });
    expect(channel.status).toBe(400);
    expect(channel.body.error.message).toBe('channel: expected an http(s) URL');
    const missing = await h.call('GET', '/api/v1/exercises/DRL-99');
    expect(missing.status).toBe(404);
  });
});
