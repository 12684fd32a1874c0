import type { StatusSummary } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { statusFeed } from './feed';

const update = {
  id: 'inc-abc-1',
  status: 'investigating' as const,
  whatHappened: 'Answers <b>failed</b> & timed out',
  impact: 'One in five answers.',
  currentStatus: 'Moving traffic.',
  nextSteps: 'Post again soon.',
  asks: null,
  publishedAt: '2026-11-24T10:05:00.000Z',
  nextUpdateBy: '2026-11-24T10:35:00.000Z',
};

const summary: StatusSummary = {
  page: { title: 'Acme status', description: null, updatedAt: '2026-11-24T10:05:00.000Z' },
  status: { indicator: 'partial_outage', description: 'Partial outage' },
  components: [],
  incidents: [
    {
      id: 'inc-abc',
      name: 'Slow answers',
      status: 'investigating',
      components: [],
      createdAt: update.publishedAt,
      updatedAt: update.publishedAt,
      resolvedAt: null,
      updates: [update],
    },
  ],
  pastIncidents: [],
  scheduledMaintenances: [
    {
      id: 'mnt-1',
      name: 'Index rebuild',
      description: 'Search may be slow.',
      status: 'scheduled',
      components: [],
      startsAt: '2026-11-25T02:00:00.000Z',
      endsAt: '2026-11-25T03:00:00.000Z',
    },
  ],
};

describe('the status page feed', () => {
  it('is Atom 1.0 with an entry per update and per maintenance window, newest first, linking to the page', () => {
    const xml = statusFeed(summary, 'https://status.example.com');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml).toContain('<id>https://status.example.com/status</id>');
    expect(xml).toContain('<link rel="self" href="https://status.example.com/status/feed.atom"/>');
    const entries = [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('Maintenance: Index rebuild');
    expect(entries[1]).toContain('<id>https://status.example.com/status#inc-abc-1</id>');
    expect(entries[1]).toContain('<link href="https://status.example.com/status#inc-abc"/>');
    expect(entries[1]).toContain('<updated>2026-11-24T10:05:00.000Z</updated>');
    expect(entries[1]).toContain('Next update by 2026-11-24T10:35:00.000Z.');
  });

  it('escapes the text it puts into the entry HTML', () => {
    const xml = statusFeed(summary, 'https://status.example.com');
    expect(xml).toContain('Answers &#60;b&#62;failed&#60;/b&#62; &#38; timed out');
    expect(xml).not.toContain('<b>failed</b>');
  });
});
