import { readFileSync } from 'node:fs';
import { resolveAlertBudget, SystemCard, TelemetryEvent } from '@firebreak/contract';
import { builtinScenarios } from '@firebreak/contract/yaml-file';
import { durationMs } from '@firebreak/core';
import {
  type AlertEvent,
  closeAll,
  configure,
  createEngine,
  type EngineOptions,
  failureSignals,
  generateTelemetry,
  ingest,
  monitorsOf,
} from '@firebreak/detection';
import { describe, expect, it } from 'vitest';
import { DEMO_SYSTEMS } from '../demo/systems';

/**
 * Every built-in drill scenario, run through the real engine with the demo system's default
 * monitors as `firebreak detect` and the replay do: the warm-up and the healthy stretch raise
 * nothing, and the failure is found on one of the signals it moves within ten minutes of its
 * onset (docs/drills.md lists each scenario's measured delay).
 */
const SCENARIOS = builtinScenarios((url) => readFileSync(url, 'utf8'));
/** A Monday, 09:00 UTC: the drill runs in office hours, the warm-up over the weekend. */
const ORIGIN = Date.UTC(2026, 0, 5, 9, 0, 0);
const MAX_DELAY_MS = 10 * 60_000;

function run(scenario: (typeof SCENARIOS)[number]) {
  const input = DEMO_SYSTEMS.find((system) => system.id === scenario.system);
  if (!input) throw new Error(`no demo system ${scenario.system}`);
  // The card as the catalog holds it once applied: its monitors (none: the defaults) and budget.
  const demo = SystemCard.parse(input);
  const engine = createEngine([]);
  configure(engine, demo.id, monitorsOf(demo));
  const budget = resolveAlertBudget(demo.alertBudget);
  const options: EngineOptions = { defaultOwner: demo.owner, ownerOf: () => demo.owner, budgetOf: () => budget };
  const events = generateTelemetry(scenario, {
    fromMs: -durationMs(scenario.telemetry.warmup),
    toMs: durationMs(scenario.telemetry.duration),
    originMs: ORIGIN,
    seed: 1,
  });
  const alerts: AlertEvent[] = [];
  for (let start = 0; start < events.length; start += 1000)
    alerts.push(...ingest(engine, events.slice(start, start + 1000), options));
  closeAll(engine, options, alerts);
  return { events, alerts };
}

describe('the built-in drill scenarios', () => {
  it('are at least eight, with distinct ids, each on a demo system', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(SCENARIOS.map((scenario) => scenario.id)).size).toBe(SCENARIOS.length);
    for (const scenario of SCENARIOS) expect(DEMO_SYSTEMS.map((system) => system.id)).toContain(scenario.system);
  });

  it.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))(
    '%s: quiet before the onset, found within ten minutes after it',
    (_id, scenario) => {
      const { events, alerts } = run(scenario);
      const onset = ORIGIN + durationMs(scenario.telemetry.onset);
      const opened = alerts.filter((alert) => alert.transition === 'opened');
      const early = opened.filter((alert) => Date.parse(alert.at) <= onset);
      expect(early.map((alert) => `${alert.signal} ${JSON.stringify(alert.segment ?? {})} at ${alert.at}`)).toEqual([]);
      const signals = failureSignals(scenario);
      const found = opened.find((alert) => signals.includes(alert.signal));
      const summary = opened.map(
        (a) =>
          `${a.signal}${a.segment ? JSON.stringify(a.segment) : ''} ${a.level} +${(Date.parse(a.at) - onset) / 60_000}m`,
      );
      expect(found, `no alert on ${signals.join(', ')}; alerts: ${summary.join(', ')}`).toBeDefined();
      expect(Date.parse(found!.at) - onset).toBeLessThanOrEqual(MAX_DELAY_MS);
      // The events are what the wire contract accepts.
      for (const event of events.filter((_, index) => index % 997 === 0))
        expect(TelemetryEvent.safeParse(event).success).toBe(true);
    },
  );
});
