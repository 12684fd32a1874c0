import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DeclareIncidentRequest, EvidenceRequest, FirebreakConfig, toFieldIssues } from './index';

describe('wire contract', () => {
  it('normalises severity aliases and timestamps on declaration', () => {
    const parsed = DeclareIncidentRequest.parse({
      title: '  PII in answers ',
      type: 'privacy_leak',
      severity: 'p0',
      systems: ['support-copilot'],
      onsetAt: '2026-11-24T11:00:00+01:00',
    });
    expect(parsed).toMatchObject({ title: 'PII in answers', severity: 'SEV1', nearMiss: false, onsetAt: '2026-11-24T10:00:00.000Z' });
  });

  it.each([
    [{ severity: 'SEV5' }, 'severity'],
    [{ onsetAt: 'yesterday' }, 'onsetAt'],
    [{ systems: [] }, 'systems'],
    [{ title: '' }, 'title'],
    [{ type: 'oops' }, 'type'],
    [{ colour: 'red' }, 'colour'],
  ])('names the field in %j', (override, path) => {
    const result = DeclareIncidentRequest.safeParse({ title: 't', type: 'bias', severity: 'SEV2', systems: ['x'], ...override });
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!).map((issue) => issue.path)).toEqual([path]);
  });

  it('asks evidence for content or a uri with its digest, and an ordered window', () => {
    const issues = (input: unknown) => toFieldIssues(EvidenceRequest.safeParse(input).error!).map((i) => i.path);
    expect(issues({ kind: 'log', title: 't' })).toEqual(['content']);
    expect(issues({ kind: 'log', title: 't', uri: 'https://e.example/x' })).toEqual(['sha256']);
    expect(issues({ kind: 'log', title: 't', content: 'x', windowStart: '2026-11-24T10:00:00Z', windowEnd: '2026-11-24T09:00:00Z' })).toEqual(['windowEnd']);
  });

  it('accepts the example firebreak.yaml', () => {
    const file = fileURLToPath(new URL('../../../examples/firebreak.yaml', import.meta.url));
    const config = FirebreakConfig.parse(parse(readFileSync(file, 'utf8')));
    expect(config.systems.map((s) => s.id)).toEqual(['hiring-screener']);
  });
});
