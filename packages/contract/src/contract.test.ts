import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DeclareIncidentRequest,
  durationMs,
  EvidenceRequest,
  FirebreakConfig,
  TelemetryEvent,
  toFieldIssues,
} from './index';

describe('wire contract', () => {
  it('takes a shadow event marked shadow: true, and names the field when the mark is not a boolean', () => {
    const event = { system: 'support-copilot', ts: '2026-12-07T00:00:00Z', model: 'm-12', shadow: true };
    expect(TelemetryEvent.parse(event)).toMatchObject({ shadow: true, kind: 'prediction' });
    const result = TelemetryEvent.safeParse({ ...event, shadow: 'yes' });
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!).map((issue) => issue.path)).toEqual(['shadow']);
  });

  it('normalises severity aliases and timestamps on declaration', () => {
    const parsed = DeclareIncidentRequest.parse({
      title: '  PII in answers ',
      type: 'privacy_leak',
      severity: 'p0',
      systems: ['support-copilot'],
      onsetAt: '2026-11-24T11:00:00+01:00',
    });
    expect(parsed).toMatchObject({
      title: 'PII in answers',
      severity: 'SEV1',
      nearMiss: false,
      onsetAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it.each([
    [{ severity: 'SEV5' }, 'severity'],
    [{ onsetAt: 'yesterday' }, 'onsetAt'],
    [{ systems: [] }, 'systems'],
    [{ title: '' }, 'title'],
    [{ type: 'oops' }, 'type'],
    [{ colour: 'red' }, 'colour'],
  ])('names the field in %j', (override, path) => {
    const result = DeclareIncidentRequest.safeParse({
      title: 't',
      type: 'bias',
      severity: 'SEV2',
      systems: ['x'],
      ...override,
    });
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!).map((issue) => issue.path)).toEqual([path]);
  });

  it('asks evidence for content or a uri with its digest, and an ordered window', () => {
    const issues = (input: unknown) => toFieldIssues(EvidenceRequest.safeParse(input).error!).map((i) => i.path);
    expect(issues({ kind: 'log', title: 't' })).toEqual(['content']);
    expect(issues({ kind: 'log', title: 't', uri: 'https://e.example/x' })).toEqual(['sha256']);
    expect(
      issues({
        kind: 'log',
        title: 't',
        content: 'x',
        windowStart: '2026-11-24T10:00:00Z',
        windowEnd: '2026-11-24T09:00:00Z',
      }),
    ).toEqual(['windowEnd']);
  });

  it('accepts the example firebreak.yaml', () => {
    const file = fileURLToPath(new URL('../../../examples/firebreak.yaml', import.meta.url));
    const config = FirebreakConfig.parse(parse(readFileSync(file, 'utf8')));
    expect(config.systems.map((s) => s.id)).toEqual(['hiring-screener']);
    expect(config.postmortems).toMatchObject({ requiredFor: ['SEV1', 'SEV2'], dueBusinessDays: 10 });
    expect(config.postmortems?.templates.map((t) => [t.id, t.when.type, t.omit])).toEqual([['fairness', ['bias'], []]]);
    const bad = FirebreakConfig.safeParse({
      version: 1,
      postmortems: { dueBusinessDays: 0, templates: [{ id: 'short', omit: ['coffee'] }] },
    });
    expect(bad.success ? [] : bad.error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'postmortems.dueBusinessDays',
      'postmortems.templates.0.omit.0',
    ]);
    expect(config.systems[0]!.monitors.map((m) => m.id)).toEqual([
      'pii-in-rationales',
      'shortlist-parity',
      'confidence-drift',
    ]);
    expect(config.rules?.map((r) => [r.id, r.then.severity, r.then.declare])).toEqual([
      ['pii-leak', 'SEV1', true],
      ['unfair-shortlists', 'SEV2', false],
      ['copilot-pii', 'SEV1', true],
      ['quality-collapse', 'SEV2', true],
    ]);
    expect(config.systems[0]!.controls.map((c) => `${c.id}:${c.kind}`)).toEqual([
      'auto-shortlist:kill_switch',
      'model:route',
      'prompt:route',
      'review:human_review',
      'filter:output_filter',
      'applications:queue',
      'shortlists:cache',
    ]);
    expect(config.rules?.find((r) => r.id === 'copilot-pii')?.then.contain).toEqual([
      { kill: 'auto-send' },
      { control: 'review', set: { share: 1 } },
    ]);
  });

  it('names the wrong part of a monitor or a rule', () => {
    const paths = (input: unknown) => toFieldIssues(FirebreakConfig.safeParse(input).error!).map((i) => i.path);
    const system = { id: 's', name: 'S', owner: 'o', model: { name: 'm', version: '1' }, riskTier: 'minimal' };
    expect(paths({ version: 1, systems: [{ ...system, monitors: [{ id: 'm', signal: 'vibes' }] }] })).toEqual([
      'systems[0].monitors[0].signal',
    ]);
    expect(
      paths({
        version: 1,
        systems: [{ ...system, monitors: [{ id: 'm', signal: 'confidence', window: '5 minutes' }] }],
      }),
    ).toEqual(['systems[0].monitors[0].window']);
    expect(
      paths({
        version: 1,
        systems: [
          {
            ...system,
            monitors: [
              { id: 'm', signal: 'confidence' },
              { id: 'm', signal: 'error_rate' },
            ],
          },
        ],
      }),
    ).toEqual(['systems[0].monitors[1].id']);
    expect(
      paths({ version: 1, rules: [{ id: 'r', when: { atLeast: 2 }, then: { type: 'bias', severity: 'SEV2' } }] }),
    ).toEqual(['rules[0].when.atLeast']);
    expect(paths({ version: 1, rules: [{ id: 'r', when: {}, then: { type: 'bias', severity: 'SEV7' } }] })).toEqual([
      'rules[0].then.severity',
    ]);
  });

  it('reads durations', () => {
    expect([durationMs('30s'), durationMs('5m'), durationMs('1h'), durationMs('2d')]).toEqual([
      30_000, 300_000, 3_600_000, 172_800_000,
    ]);
  });
});
