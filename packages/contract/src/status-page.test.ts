import { describe, expect, it } from 'vitest';
import { FirebreakConfig, MaintenanceRequest, PublishStatusUpdateRequest, toFieldIssues } from './index';

const system = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt', version: '1' },
  riskTier: 'limited',
};

const issues = (input: unknown) => {
  const result = FirebreakConfig.safeParse(input);
  return result.success ? [] : toFieldIssues(result.error);
};

describe('statusPage in firebreak.yaml', () => {
  it('takes a title and components linked to the file’s systems, with defaults filled in', () => {
    const parsed = FirebreakConfig.parse({
      version: 1,
      systems: [system],
      statusPage: {
        components: [{ id: 'support-assistant', name: 'Support assistant', systems: ['support-copilot'] }],
      },
    });
    expect(parsed.statusPage).toEqual({
      title: 'Status',
      components: [{ id: 'support-assistant', name: 'Support assistant', systems: ['support-copilot'] }],
    });
  });

  it('names each wrong field: a bad id, a duplicate, an unknown system, an unknown key, an empty name', () => {
    expect(
      issues({
        version: 1,
        systems: [system],
        statusPage: {
          title: 'Acme',
          components: [
            { id: 'Support Assistant', name: 'x' },
            { id: 'search', name: 'Search', systems: ['fraud-model'] },
            { id: 'search', name: 'Search again' },
            { id: 'chat', name: '', colour: 'red' },
          ],
        },
      }),
    ).toEqual([
      { path: 'statusPage.components[0].id', message: expect.stringContaining('expected a slug') },
      { path: 'statusPage.components[3].name', message: 'must not be empty' },
      { path: 'statusPage.components[3].colour', message: 'unknown field' },
      { path: 'statusPage.components[2].id', message: 'duplicate component id search' },
      { path: 'statusPage.components[1].systems[0]', message: 'unknown system fraud-model: declare it under systems' },
    ]);
  });

  it('leaves system links unchecked when the file declares no systems (they may be applied from another file)', () => {
    expect(
      issues({ version: 1, statusPage: { components: [{ id: 'search', name: 'Search', systems: ['fraud-model'] }] } }),
    ).toEqual([]);
  });
});

describe('status page requests', () => {
  it('refuses a window that ends before it starts or lasts over a week, and one naming no component', () => {
    const window = { title: 'Rebuild', description: 'Slow search.', components: ['search'] };
    const bad = (body: unknown) => {
      const result = MaintenanceRequest.safeParse(body);
      return result.success ? [] : toFieldIssues(result.error).map((issue) => issue.path);
    };
    expect(bad({ ...window, startsAt: '2026-12-08T03:00:00Z', endsAt: '2026-12-08T02:00:00Z' })).toEqual(['endsAt']);
    expect(bad({ ...window, startsAt: '2026-12-08T03:00:00Z', endsAt: '2026-12-16T03:00:00Z' })).toEqual(['endsAt']);
    expect(
      bad({ ...window, components: [], startsAt: '2026-12-08T02:00:00Z', endsAt: '2026-12-08T03:00:00Z' }),
    ).toEqual(['components']);
  });

  it('refuses a component given two states in one publication', () => {
    const result = PublishStatusUpdateRequest.safeParse({
      states: [
        { component: 'search', state: 'partial_outage' },
        { component: 'search', state: 'operational' },
      ],
    });
    expect(result.success ? [] : toFieldIssues(result.error)).toEqual([
      { path: 'states[1].component', message: 'search is given twice' },
    ]);
  });
});
