import type { PublicUpdate, StatusSummary } from '@firebreak/contract';
import type { PublicPhase } from '@firebreak/core';
import { Feed } from 'feed';

const PHASES: Record<PublicPhase, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/**
 * The Atom 1.0 feed of the page: one entry per published update (ongoing and past incidents)
 * and per maintenance window, newest first, built from the public summary alone.
 * `base` is the page's absolute origin (the configured public URL, else the request's).
 */
export function statusFeed(summary: StatusSummary, base: string): string {
  const page = `${base}/status`;
  const feed = new Feed({
    id: page,
    title: summary.page.title,
    description: summary.page.description ?? undefined,
    link: page,
    updated: new Date(summary.page.updatedAt),
    feedLinks: { atom: `${base}/status/feed.atom` },
    generator: 'Firebreak',
    copyright: '',
  });
  const entries: { date: Date; add: () => void }[] = [];
  for (const incident of [...summary.incidents, ...summary.pastIncidents]) {
    for (const update of incident.updates) {
      entries.push({
        date: new Date(update.publishedAt),
        add: () =>
          feed.addItem({
            id: `${page}#${update.id}`,
            title: `${incident.name}: ${PHASES[update.status]}`,
            link: `${page}#${incident.id}`,
            date: new Date(update.publishedAt),
            content: body(update),
          }),
      });
    }
  }
  for (const window of summary.scheduledMaintenances) {
    entries.push({
      date: new Date(window.startsAt),
      add: () =>
        feed.addItem({
          id: `${page}#${window.id}`,
          title: `Maintenance: ${window.name}`,
          link: `${page}#${window.id}`,
          date: new Date(window.startsAt),
          content: `<p>${escapeHtml(window.description)}</p><p>From ${window.startsAt} to ${window.endsAt}.</p>`,
        }),
    });
  }
  entries.sort((a, b) => b.date.getTime() - a.date.getTime());
  for (const entry of entries) entry.add();
  return feed.atom1();
}

function body(update: PublicUpdate): string {
  const fields: [string, string | null][] = [
    ['What happened', update.whatHappened],
    ['Impact', update.impact],
    ['Current status', update.currentStatus],
    ['Next steps', update.nextSteps],
    ['What you can do', update.asks],
  ];
  const next = update.nextUpdateBy ? `<p>Next update by ${update.nextUpdateBy}.</p>` : '';
  return (
    fields
      .filter((field): field is [string, string] => field[1] !== null)
      .map(([label, text]) => `<p><strong>${label}:</strong> ${escapeHtml(text)}</p>`)
      .join('') + next
  );
}

/** The feed library escapes the XML around the content; the HTML inside is ours to escape. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
