import type { PublicIncident, PublicMaintenance, PublicUpdate, StatusSummary } from '@firebreak/contract';
import { COMPONENT_STATES, type ComponentState, type PublicPhase } from '@firebreak/core';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const PHASES: Record<PublicPhase, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

const MAINTENANCE: Record<PublicMaintenance['status'], string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
};

/** `2026-11-24 10:15 UTC` inside a `<time>` carrying the exact instant. */
function time(iso: string): Html {
  return html`<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC</time>`;
}

/**
 * The public status page, server-rendered: readable without script, on a phone or a desktop, in
 * a screen reader (landmarks, headings, states in words as well as colour). Everything in it comes
 * from the public summary, so it can show nothing the JSON does not.
 */
export function renderStatusPage(summary: StatusSummary): Html {
  const names = new Map(summary.components.map((c) => [c.id, c.name]));
  const { page, status } = summary;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${page.title}</title>
        <link rel="icon" href="data:," />
        <link rel="alternate" type="application/atom+xml" title="${page.title}" href="/status/feed.atom" />
        <link rel="alternate" type="application/json" href="/status.json" />
        <style>${raw(STYLE)}</style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <h1>${page.title}</h1>
          ${page.description ? html`<p>${page.description}</p>` : ''}
        </header>
        <main id="main">
          <p class="banner s-${status.indicator}" role="status"><span class="dot" aria-hidden="true"></span>${status.description}</p>
          ${summary.incidents.length > 0 ? html`<section aria-labelledby="ongoing"><h2 id="ongoing">Ongoing incidents</h2>${summary.incidents.map((i) => incident(i, names))}</section>` : ''}
          ${maintenanceSection(summary.scheduledMaintenances, names)}
          <section aria-labelledby="components">
            <h2 id="components">Components</h2>
            ${
              summary.components.length === 0
                ? html`<p>No components are listed yet.</p>`
                : html`<ul class="components">
                    ${summary.components.map(
                      (c) =>
                        html`<li id="component-${c.id}">
                          <div><strong>${c.name}</strong>${c.description ? html`<br /><span class="muted">${c.description}</span>` : ''}</div>
                          <span class="state s-${c.status}"><span class="dot" aria-hidden="true"></span>${COMPONENT_STATES[c.status as ComponentState]}</span>
                        </li>`,
                    )}
                  </ul>`
            }
          </section>
          <section aria-labelledby="past">
            <h2 id="past">Past incidents (last 14 days)</h2>
            ${summary.pastIncidents.length === 0 ? html`<p>No incidents reported.</p>` : summary.pastIncidents.map((i) => incident(i, names))}
          </section>
        </main>
        <footer>
          <p>Updated ${time(page.updatedAt)}. Follow with the <a href="/status/feed.atom">Atom feed</a> or read the <a href="/status.json">JSON summary</a>.</p>
        </footer>
      </body>
    </html>`;
}

function incident(i: PublicIncident, names: ReadonlyMap<string, string>): Html {
  const affected = i.components.map((c) => names.get(c) ?? c);
  return html`<article class="incident" id="${i.id}" aria-labelledby="${i.id}-name">
    <h3 id="${i.id}-name">${i.name}</h3>
    <p class="muted">
      <strong>${PHASES[i.status]}</strong>${affected.length > 0 ? html` · Affects ${affected.join(', ')}` : ''}
      ${i.resolvedAt ? html` · Resolved ${time(i.resolvedAt)}` : ''}
    </p>
    <ol class="updates">
      ${i.updates.map(update)}
    </ol>
  </article>`;
}

function update(u: PublicUpdate): Html {
  return html`<li>
    <p><strong>${PHASES[u.status]}</strong> · ${time(u.publishedAt)}</p>
    <dl>
      <dt>What happened</dt>
      <dd>${u.whatHappened}</dd>
      <dt>Impact</dt>
      <dd>${u.impact}</dd>
      <dt>Current status</dt>
      <dd>${u.currentStatus}</dd>
      <dt>Next steps</dt>
      <dd>${u.nextSteps}</dd>
      ${u.asks ? html`<dt>What you can do</dt><dd>${u.asks}</dd>` : ''}
    </dl>
    ${u.nextUpdateBy ? html`<p class="next">Next update by ${time(u.nextUpdateBy)}.</p>` : ''}
  </li>`;
}

function maintenanceSection(windows: readonly PublicMaintenance[], names: ReadonlyMap<string, string>): Html | '' {
  if (windows.length === 0) return '';
  return html`<section aria-labelledby="maintenance">
    <h2 id="maintenance">Scheduled maintenance</h2>
    ${windows.map(
      (w) => html`<article class="incident" id="${w.id}">
        <h3>${w.name}</h3>
        <p class="muted">
          <strong>${MAINTENANCE[w.status]}</strong> · ${time(w.startsAt)} to ${time(w.endsAt)} · Affects
          ${w.components.map((c) => names.get(c) ?? c).join(', ')}
        </p>
        <p>${w.description}</p>
      </article>`,
    )}
  </section>`;
}

// Colours pass WCAG AA against white for text; every state is also written out in words.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:48rem;padding:1rem;color:#1b1f24;background:#fff;overflow-wrap:anywhere}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
a{color:#0b57d0}
.muted{color:#4b5563}
.banner{display:flex;align-items:center;gap:.6rem;padding:1rem;border-radius:.5rem;font-weight:600;font-size:1.1rem;border:2px solid currentColor}
.components{list-style:none;margin:0;padding:0;border:1px solid #d0d7de;border-radius:.5rem}
.components li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;padding:.75rem 1rem;border-top:1px solid #d0d7de}
.components li:first-child{border-top:0}
.components li>div{flex:1 1 14rem;min-width:0}
.state{display:inline-flex;align-items:center;gap:.4rem;font-weight:600;white-space:nowrap}
.dot{display:inline-block;width:.75rem;height:.75rem;border-radius:50%;background:currentColor;flex:none}
.s-operational{color:#116329}
.s-maintenance{color:#0550ae}
.s-degraded_quality{color:#7d4e00}
.s-partial_outage{color:#b35900}
.s-major_outage{color:#b42318}
.incident{border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.updates{list-style:none;margin:0;padding:0}
.updates li{border-top:1px solid #eaeef2;padding:.75rem 0 0;margin-top:.75rem}
.updates li p{margin:0 0 .5rem}
dl{margin:0}
dt{font-weight:600;margin-top:.4rem}
dd{margin:0 0 0 0}
.next{font-style:italic}
footer{margin-top:2rem;border-top:1px solid #d0d7de;color:#4b5563;font-size:.9rem}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}.muted,footer{color:#9aa4af}a{color:#79b8ff}
.s-operational{color:#3fb950}.s-maintenance{color:#79c0ff}.s-degraded_quality{color:#d29922}.s-partial_outage{color:#f0883e}.s-major_outage{color:#ff7b72}
.components,.components li,.incident,footer{border-color:#30363d}.updates li{border-color:#21262d}.skip:focus{background:#0d1117}}
`;
