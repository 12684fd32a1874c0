import { describe, expect, it } from 'vitest';
import type { ScenarioExpected } from './scenario';
import { type DrillObservation, type ScoreItemId, scorecardMarkdown, scoreDrill } from './score';

const MIN = 60_000;
const EXPECTED: ScenarioExpected = {
  declare: { within: '10m' },
  classify: { type: 'privacy_leak', severity: 'SEV1', within: '20m' },
  contain: { within: '30m', controls: ['kill_switch', 'preset'] },
  statusUpdate: { within: '20m', every: '30m' },
  evidence: { min: 3 },
  decisions: { min: 3 },
};

/** A drill done by the book: onset at 10m, everything well inside its target. */
const GOOD: DrillObservation = {
  onsetMs: 10 * MIN,
  firstAlertMs: 15 * MIN,
  acknowledgedMs: 15.5 * MIN,
  declaredMs: 16 * MIN,
  type: 'privacy_leak',
  typeSetMs: 16 * MIN,
  severity: 'SEV1',
  severitySetMs: 18 * MIN,
  containedMs: 26 * MIN,
  controlsChanged: [{ kind: 'kill_switch', atMs: 25 * MIN }],
  statusUpdatesMs: [20 * MIN, 45 * MIN, 70 * MIN],
  evidenceCount: 4,
  decisionsCount: 3,
  endedMs: 80 * MIN,
};

const verdicts = (observed: DrillObservation) =>
  Object.fromEntries(scoreDrill(EXPECTED, observed).items.map((item) => [item.id, item.met])) as Record<
    ScoreItemId,
    boolean | null
  >;
const item = (observed: DrillObservation, id: ScoreItemId) =>
  scoreDrill(EXPECTED, observed).items.find((one) => one.id === id)!;

describe('scoreDrill', () => {
  it('gives 100 and a pass to a drill that meets every target', () => {
    const card = scoreDrill(EXPECTED, GOOD);
    expect(card.score).toBe(100);
    expect(card.passed).toBe(true);
    expect(card.items.map((one) => one.id)).toEqual([
      'detect',
      'declare',
      'classify',
      'contain',
      'status_update',
      'evidence',
      'decisions',
    ]);
    expect(item(GOOD, 'declare').actual).toBe('6m after onset');
    expect(item(GOOD, 'classify').actual).toBe('privacy_leak SEV1, 8m after onset');
    expect(item(GOOD, 'contain').actual).toBe('16m after onset');
    expect(item(GOOD, 'detect').actual).toBe('5m after onset');
  });

  it('counts a target met exactly at its deadline, and missed a second later', () => {
    expect(verdicts({ ...GOOD, declaredMs: 20 * MIN }).declare).toBe(true);
    const late = { ...GOOD, declaredMs: 20 * MIN + 1000 };
    expect(verdicts(late).declare).toBe(false);
    // 100 − declare's 20 points.
    expect(scoreDrill(EXPECTED, late)).toMatchObject({ score: 80, passed: false });
  });

  it('leaves what is not due yet pending while the drill runs', () => {
    const running: DrillObservation = {
      onsetMs: 10 * MIN,
      controlsChanged: [],
      statusUpdatesMs: [],
      evidenceCount: 1,
      decisionsCount: 0,
      endedMs: 15 * MIN,
      finished: false,
    };
    expect(verdicts(running)).toEqual({
      detect: null,
      declare: null,
      classify: null,
      contain: null,
      status_update: null,
      evidence: null,
      decisions: null,
    });
    expect(scoreDrill(EXPECTED, running)).toMatchObject({ score: 0, passed: false });
    // Past the declare deadline (10m after onset) with nothing declared: missed, the rest still pending.
    const later = verdicts({ ...running, endedMs: 21 * MIN });
    expect(later).toMatchObject({ declare: false, classify: null, contain: null });
    expect(item({ ...running, endedMs: 21 * MIN }, 'declare').detail).toBe('not declared');
  });

  it('misses classification on a wrong type, and says what was set', () => {
    const wrong = { ...GOOD, type: 'prompt_injection' as const };
    const classify = item(wrong, 'classify');
    expect(classify.met).toBe(false);
    expect(classify.detail).toBe('type is prompt_injection, expected privacy_leak');
    expect(scoreDrill(EXPECTED, wrong).score).toBe(80);
    // A right type set after the deadline is late, not wrong.
    const late = item({ ...GOOD, typeSetMs: 31 * MIN }, 'classify');
    expect(late).toMatchObject({ met: false, detail: 'right, but set late' });
  });

  it('misses containment with a control kind the scenario does not accept', () => {
    const throttled = { ...GOOD, controlsChanged: [{ kind: 'throttle' as const, atMs: 20 * MIN }] };
    const contain = item(throttled, 'contain');
    expect(contain.met).toBe(false);
    expect(contain.detail).toBe('changed throttle; expected kill_switch or preset');
    // A preset is accepted here; containment counts from the later of the change and the status.
    const preset = item({ ...GOOD, controlsChanged: [{ kind: 'preset', atMs: 30 * MIN }] }, 'contain');
    expect(preset).toMatchObject({ met: true, actual: '20m after onset' });
    // The right lever pulled but the incident never marked contained.
    expect(item({ ...GOOD, containedMs: undefined }, 'contain')).toMatchObject({
      met: false,
      detail: 'not marked contained',
    });
  });

  it('misses status updates when the cadence lapses', () => {
    const lapsed = { ...GOOD, statusUpdatesMs: [20 * MIN, 65 * MIN] };
    const status = item(lapsed, 'status_update');
    expect(status.met).toBe(false);
    expect(status.detail).toBe('no update for 45m after the one at 10m after onset (every 30m expected)');
    // The gap from the last update to the end counts too: 70m → 110m.
    expect(verdicts({ ...GOOD, endedMs: 110 * MIN }).status_update).toBe(false);
    // An update before the onset does not count as the first one.
    expect(verdicts({ ...GOOD, statusUpdatesMs: [5 * MIN] }).status_update).toBe(false);
    expect(scoreDrill(EXPECTED, lapsed).score).toBe(85);
  });

  it('misses evidence and decisions below their minimum once the drill is over', () => {
    const thin = { ...GOOD, evidenceCount: 1, decisionsCount: 0 };
    expect(verdicts(thin)).toMatchObject({ evidence: false, decisions: false });
    expect(item(thin, 'evidence').detail).toBe('2 short');
    expect(scoreDrill(EXPECTED, thin)).toMatchObject({ score: 80, passed: false });
  });

  it('reports detection without weighing it: no alert does not fail the team', () => {
    const silent = { ...GOOD, firstAlertMs: undefined };
    expect(verdicts(silent).detect).toBe(false);
    expect(scoreDrill(EXPECTED, silent)).toMatchObject({ score: 100, passed: true });
  });

  it('leaves detection off the card of a tabletop drill, which feeds no telemetry', () => {
    const card = scoreDrill(EXPECTED, { ...GOOD, firstAlertMs: undefined, tabletop: true });
    expect(card.items.map((one) => one.id)).not.toContain('detect');
    expect(card).toMatchObject({ score: 100, passed: true });
  });
});

describe('scorecardMarkdown', () => {
  it('renders the score and one row per item', () => {
    const markdown = scorecardMarkdown(scoreDrill(EXPECTED, { ...GOOD, type: 'bias' }), 'Drill: PII leak');
    expect(markdown).toContain('## Drill: PII leak');
    expect(markdown).toContain('Score **80/100**, not passed.');
    expect(markdown).toContain(
      '| Type and severity | privacy_leak SEV1 within 20m of onset | bias SEV1 | missed | type is bias, expected privacy_leak |',
    );
    expect(markdown.split('\n').filter((line) => line.startsWith('| ')).length).toBe(9);
  });
});
