import type {
  Citation,
  ContributingFactor,
  Decision,
  Evidence,
  Impact,
  Incident,
  Moment,
  PostmortemSection,
  ResponseFigures,
  StatusUpdate,
  TimelineEntry,
  WhyChain,
} from '@firebreak/contract';
import { formatDuration, type PostmortemSectionId, SECTION_TITLES, SEVERITY_INFO } from '@firebreak/core';
import { describeEntry, RESPONSE_KINDS, utcTime } from './describe';

// Drafting a postmortem from what Firebreak already knows. Pure: the service loads the incident,
// its timeline and records; this turns them into sections a team then edits. Every figure and
// factor cites the entry or record it came from, so a reviewer can check it in one click.

/** An alert on the incident (linked, attached, or moved in from a merged duplicate). */
export interface DraftAlert {
  id: string;
  monitor: string;
  signal: string;
  level: string;
  segment: Record<string, string> | null;
  openedAt: string;
}

export interface DraftSources {
  incident: Incident;
  /** The incident's alerts, oldest first. */
  alerts: readonly DraftAlert[];
  timeline: readonly TimelineEntry[];
  decisions: readonly Decision[];
  evidence: readonly Evidence[];
  updates: readonly StatusUpdate[];
}

export interface DraftTemplate {
  omit: readonly PostmortemSectionId[];
  prompts: Partial<Record<PostmortemSectionId, string>>;
}

const ackTarget = (incident: Incident) => formatDuration(SEVERITY_INFO[incident.severity].responseMinutes * 60);

const seconds = (from: string | null, to: string | null): number | null =>
  from === null || to === null ? null : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The detection and response figures, from the incident's derived metrics. */
export function responseFigures(incident: Incident): ResponseFigures {
  const m = incident.metrics;
  const ack = m.acknowledgedAt;
  return {
    onsetAt: m.onsetAt,
    detectedAt: m.detectedAt,
    acknowledgedAt: ack,
    isolatedAt: m.isolatedAt,
    containedAt: m.containedAt,
    resolvedAt: m.resolvedAt,
    onsetToDetect: seconds(m.onsetAt, m.detectedAt),
    detectToAcknowledge: seconds(m.detectedAt, ack),
    acknowledgeToIsolate: seconds(ack, m.isolatedAt),
    isolateToContain: seconds(m.isolatedAt, m.containedAt),
    containToResolve: seconds(m.containedAt, m.resolvedAt),
    onsetToResolve: seconds(m.onsetAt ?? m.detectedAt, m.resolvedAt),
  };
}

const cite = (entry: Pick<TimelineEntry, 'seq'>, label?: string): Citation => ({
  kind: 'timeline',
  ref: String(entry.seq),
  ...(label ? { label } : {}),
});

/** Moments of the response in words; starred ones are key. */
export function moments(timeline: readonly TimelineEntry[]): Moment[] {
  return timeline
    .filter((entry) => RESPONSE_KINDS.has(entry.kind))
    .map((entry) => ({
      at: entry.at,
      actor: entry.actor,
      kind: entry.kind,
      text: describeEntry(entry),
      key: entry.key === true,
      seq: entry.seq,
    }));
}

/** The timeline as Markdown: the starred moments (or all, while none is starred, or when asked). */
export function timelineMarkdown(list: readonly Moment[], all = false): string {
  const starred = list.filter((moment) => moment.key);
  const shown = all || starred.length === 0 ? list : starred;
  const lines = shown.map(
    (m) => `- **${m.at.slice(0, 10)} ${utcTime(m.at)}** ${m.key ? '★ ' : ''}${m.text} [#${m.seq}]`,
  );
  const hidden = list.length - shown.length;
  if (hidden > 0) lines.push(`- … ${hidden} more entries in the full timeline`);
  return lines.join('\n');
}

const NUMBER_WORDS: Array<{ field: 'users' | 'conversations' | 'decisions'; pattern: RegExp }> = [
  { field: 'conversations', pattern: /(\d[\d,.]*)\s+(?:[a-z-]+\s+)?(?:conversations|chats|tickets|answers|sessions)/i },
  {
    field: 'users',
    pattern: /(\d[\d,.]*)\s+(?:[a-z-]+\s+)?(?:users|customers|people|applicants|candidates|accounts)/i,
  },
  {
    field: 'decisions',
    pattern: /(\d[\d,.]*)\s+(?:[a-z-]+\s+)?(?:decisions|declines|transactions|payments|shortlists|refunds)/i,
  },
];
const MONEY = /(€|\$|£|EUR|USD|GBP)\s?(\d[\d,.]*)/;
const CURRENCY: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', EUR: 'EUR', USD: 'USD', GBP: 'GBP' };

function parseCount(raw: string): number | null {
  const value = Number(raw.replaceAll(',', ''));
  return Number.isFinite(value) ? Math.round(value) : null;
}

/**
 * Impact as far as the record says: counts quoted in status updates (the latest that gives one),
 * the segments alerts named, and how long users were exposed (onset, or detection, to containment).
 */
export function draftImpact(sources: DraftSources): { impact: Impact; body: string } {
  const { incident, updates } = sources;
  const impact: Impact = {
    users: null,
    conversations: null,
    decisions: null,
    segments: [],
    durationSeconds: null,
    money: null,
    citations: [],
  };
  const lines: string[] = [];
  for (const update of [...updates].reverse()) {
    let used = false;
    for (const { field, pattern } of NUMBER_WORDS) {
      const match = update.impact.match(pattern);
      if (impact[field] === null && match?.[1]) {
        impact[field] = parseCount(match[1]);
        used = true;
      }
    }
    const money = update.impact.match(MONEY);
    if (impact.money === null && money?.[1] && money[2]) {
      const amount = Number(money[2].replaceAll(',', ''));
      if (Number.isFinite(amount)) {
        impact.money = { amount, currency: CURRENCY[money[1]] ?? 'EUR' };
        used = true;
      }
    }
    if (used) {
      impact.citations.push({ kind: 'update', ref: update.id, label: `${update.audience} update` });
      lines.push(`- ${update.impact} [${update.id}]`);
    }
  }
  for (const alert of sources.alerts) {
    if (!alert.segment) continue;
    const named = Object.entries(alert.segment).map(([key, value]) => `${key}=${value}`);
    for (const value of named) if (!impact.segments.includes(value)) impact.segments.push(value);
    impact.citations.push({ kind: 'alert', ref: alert.id, label: 'alert on a segment' });
    lines.push(`- Segment ${named.join(', ')} named by alert ${alert.id} [${alert.id}]`);
  }
  const from = incident.metrics.onsetAt ?? incident.metrics.detectedAt;
  const to = incident.metrics.containedAt ?? incident.metrics.resolvedAt;
  impact.durationSeconds = seconds(from, to);
  if (impact.durationSeconds !== null)
    lines.push(
      `- Exposure: ${formatDuration(impact.durationSeconds)} from ${incident.metrics.onsetAt ? 'onset' : 'detection'} (${utcTime(from!)}) to ${incident.metrics.containedAt ? 'containment' : 'resolution'} (${utcTime(to!)})`,
    );
  const systems = incident.systems.join(', ');
  const head = `${incident.severity} on ${systems}.`;
  return {
    impact,
    body: lines.length > 0 ? `${head}\n\n${lines.join('\n')}` : `${head}\n\n_Say who and what was affected._`,
  };
}

function firstEntry(timeline: readonly TimelineEntry[], kind: string, test?: (entry: TimelineEntry) => boolean) {
  return timeline.find((entry) => entry.kind === kind && (test === undefined || test(entry)));
}

/**
 * Contributing factors the record points at, each a starting point for the team to confirm,
 * rewrite or remove: a late detection with no alert, the layers containment had to touch, a late
 * acknowledgement or missed update cadence.
 */
export function draftFactors(sources: DraftSources): ContributingFactor[] {
  const { incident, timeline, alerts } = sources;
  const factors: ContributingFactor[] = [];
  const declared = firstEntry(timeline, 'declared');
  const figures = responseFigures(incident);
  if (alerts.length === 0 && declared)
    factors.push({
      category: 'detection_gap',
      description:
        figures.onsetToDetect !== null
          ? `No monitor alerted; the incident was found by a person ${formatDuration(figures.onsetToDetect)} after its onset.`
          : 'No monitor alerted; the incident was found by a person.',
      citations: [cite(declared, 'declared without an alert')],
    });
  else if (figures.onsetToDetect !== null && figures.onsetToDetect > 15 * 60 && alerts[0])
    factors.push({
      category: 'detection_gap',
      description: `The first alert came ${formatDuration(figures.onsetToDetect)} after the onset.`,
      citations: [{ kind: 'alert', ref: alerts[0].id, label: 'first alert' }],
    });
  const controls = timeline.filter((entry) => entry.kind === 'control_changed');
  const byLayer = new Map<ContributingFactor['category'], TimelineEntry[]>();
  for (const entry of controls) {
    const key = String(entry.payload.key ?? '');
    const after = (entry.payload.after ?? {}) as { kind?: string };
    const layer: ContributingFactor['category'] | null = /prompt|policy|guard|filter|review/.test(key)
      ? 'prompt_guardrails'
      : /model/.test(key) || after.kind === 'route'
        ? 'model'
        : after.kind === 'output_filter' || after.kind === 'human_review' || after.kind === 'kill_switch'
          ? 'prompt_guardrails'
          : after.kind === 'throttle' || after.kind === 'queue' || after.kind === 'cache'
            ? 'infrastructure'
            : null;
    if (layer) byLayer.set(layer, [...(byLayer.get(layer) ?? []), entry]);
  }
  for (const [category, entries] of byLayer)
    factors.push({
      category,
      description: `Containment changed ${[...new Set(entries.map((e) => String(e.payload.key)))].join(', ')}: confirm how this layer contributed.`,
      citations: entries.slice(0, 5).map((entry) => cite(entry, String(entry.payload.summary ?? 'control change'))),
    });
  for (const alert of alerts) {
    const { signal, monitor } = alert;
    if (signal.startsWith('feature:') || /drift/.test(monitor)) {
      factors.push({
        category: 'data',
        description: `Input drift was alerted (${monitor} on ${signal}): confirm the data change behind it.`,
        citations: [{ kind: 'alert', ref: alert.id }],
      });
      break;
    }
    if (signal === 'latency_ms' || signal === 'error' || signal === 'error_rate') {
      factors.push({
        category: 'infrastructure',
        description: `${signal} was alerted (${monitor}): confirm whether the platform contributed.`,
        citations: [{ kind: 'alert', ref: alert.id }],
      });
      break;
    }
  }
  if (incident.response.late) {
    const ack = firstEntry(timeline, 'acknowledged');
    factors.push({
      category: 'process',
      description: `Acknowledged after the ${incident.severity} deadline of ${ackTarget(incident)}.`,
      citations: ack ? [cite(ack, 'acknowledgement')] : [],
    });
  }
  return factors;
}

/** A first chain of whys from the decisions' hypotheses; the team carries it down to the system. */
export function draftWhys(sources: DraftSources): WhyChain[] {
  const steps = sources.decisions
    .filter((decision) => decision.hypothesis !== null || decision.observation)
    .slice(0, 3)
    .map((decision, index) => ({
      why: index === 0 ? `Why did "${sources.incident.title}" happen?` : 'Why was that possible?',
      because: decision.hypothesis ?? decision.observation,
      citations: [
        { kind: 'decision' as const, ref: decision.id },
        ...decision.evidence.slice(0, 3).map((ref) => ({ kind: 'evidence' as const, ref })),
      ],
    }));
  return steps.length > 0 ? [{ problem: sources.incident.title, steps }] : [];
}

function list(items: readonly string[], empty: string): string {
  return items.length > 0 ? items.map((item) => `- ${item}`).join('\n') : empty;
}

function duration(value: number | null): string {
  return value === null ? 'not recorded' : formatDuration(value);
}

/** Every section of a fresh draft. */
export function draftSections(sources: DraftSources, template: DraftTemplate): PostmortemSection[] {
  const { incident, timeline, decisions, updates } = sources;
  const figures = responseFigures(incident);
  const prompt = (id: PostmortemSectionId, fallback: string) => `_${template.prompts[id] ?? fallback}_`;
  const section = (
    id: PostmortemSectionId,
    body: string,
    extra: Partial<PostmortemSection> = {},
  ): PostmortemSection => ({
    id,
    title: SECTION_TITLES[id],
    body,
    ...extra,
    generated: true,
    editedAt: null,
    editedBy: null,
  });
  const declared = firstEntry(timeline, 'declared');
  const controls = timeline.filter((entry) => entry.kind === 'control_changed');
  const statusMoves = timeline.filter((entry) => entry.kind === 'status_changed');
  const contained = statusMoves.find((entry) => entry.payload.to === 'contained');
  const recovery = statusMoves.filter((entry) => entry.payload.to === 'recovering' || entry.payload.to === 'resolved');
  const impact = draftImpact(sources);
  const all = moments(timeline);
  const whatHappened = updates.at(-1)?.whatHappened;
  const summary = [
    incident.summary ?? whatHappened ?? incident.title,
    '',
    `${incident.severity} ${incident.type.replaceAll('_', ' ')} on ${incident.systems.join(', ')}, declared ${declared ? `${declared.at.slice(0, 10)} ${utcTime(declared.at)}` : ''} by ${incident.declaredBy}` +
      (figures.resolvedAt ? `, resolved ${figures.resolvedAt.slice(0, 10)} ${utcTime(figures.resolvedAt)}` : '') +
      (figures.onsetToResolve !== null
        ? ` (${formatDuration(figures.onsetToResolve)} from onset to resolution).`
        : '.'),
  ].join('\n');
  const response = [
    '**Containment**',
    list(
      controls.map((entry) => `${utcTime(entry.at)} ${describeEntry(entry)} [#${entry.seq}]`),
      '- No control was changed.',
    ),
    contained
      ? `\nContained at ${utcTime(contained.at)}: ${String(contained.payload.reason ?? '')} [#${contained.seq}]`
      : '',
    '',
    '**Decisions**',
    list(
      decisions.map((d) => `${d.id} (${utcTime(d.decidedAt)}): ${d.decision}${d.rationale ? ` — ${d.rationale}` : ''}`),
      '- No decision was logged.',
    ),
    '',
    '**Eradication and recovery**',
    list(
      recovery.map((entry) => `${utcTime(entry.at)} ${describeEntry(entry)} [#${entry.seq}]`),
      prompt('response', 'Say how the cause was removed and how service was restored.'),
    ),
  ].join('\n');
  const detection = [
    '| Moment | UTC | Since the one before |',
    '|---|---|---|',
    `| Onset | ${figures.onsetAt ? utcTime(figures.onsetAt) : 'unknown'} | |`,
    `| Detected | ${figures.detectedAt ? utcTime(figures.detectedAt) : '—'} | ${duration(figures.onsetToDetect)} |`,
    `| Acknowledged | ${figures.acknowledgedAt ? utcTime(figures.acknowledgedAt) : '—'} | ${duration(figures.detectToAcknowledge)} |`,
    `| Cause isolated | ${figures.isolatedAt ? utcTime(figures.isolatedAt) : '—'} | ${duration(figures.acknowledgeToIsolate)} |`,
    `| Contained | ${figures.containedAt ? utcTime(figures.containedAt) : '—'} | ${duration(figures.isolateToContain)} |`,
    `| Resolved | ${figures.resolvedAt ? utcTime(figures.resolvedAt) : '—'} | ${duration(figures.containToResolve)} |`,
    '',
    sources.alerts.length > 0
      ? `Detected by monitoring: ${sources.alerts
          .slice(0, 3)
          .map((alert) => `${alert.monitor} (${alert.level}, opened ${utcTime(alert.openedAt)}) [${alert.id}]`)
          .join(', ')}.`
      : `Detected by a person (${incident.declaredBy}); no monitor alerted.`,
    `Acknowledgement target ${ackTarget(incident)}: ${incident.response.late ? 'missed' : incident.response.acknowledgedAt ? 'met' : 'not acknowledged'}.`,
  ].join('\n');
  const wentWell: string[] = [];
  const wentBadly: string[] = [];
  if (incident.response.acknowledgedAt && !incident.response.late)
    wentWell.push(`Acknowledged within the ${ackTarget(incident)} target (${duration(figures.detectToAcknowledge)}).`);
  if (incident.response.late) wentBadly.push(`Acknowledged after the ${ackTarget(incident)} target.`);
  if (figures.containedAt && !incident.response.containOverdue)
    wentWell.push(`Contained ${duration(seconds(figures.detectedAt, figures.containedAt))} after detection.`);
  if (controls.length > 0) wentWell.push(`Containment used ${controls.length} control change(s), each on the record.`);
  if (figures.onsetToDetect !== null && figures.onsetToDetect > 15 * 60)
    wentBadly.push(`Detection took ${formatDuration(figures.onsetToDetect)} after the onset.`);
  if (sources.alerts.length === 0) wentBadly.push('No monitor alerted on this failure.');
  else wentWell.push(`Monitoring alerted: ${sources.alerts.length} alert(s) on the incident.`);
  const sections: PostmortemSection[] = [
    section('summary', summary),
    section('impact', impact.body, { impact: impact.impact }),
    section('timeline', timelineMarkdown(all), { moments: all }),
    section('detection', detection),
    section('response', response),
    section(
      'factors',
      prompt(
        'factors',
        'Confirm, rewrite or remove each drafted factor; say what in the system allowed the failure, not who.',
      ),
      { factors: draftFactors(sources) },
    ),
    section('whys', prompt('whys', 'Ask why until the answer is something the system can change.'), {
      chains: draftWhys(sources),
    }),
    section('went_well', list(wentWell, prompt('went_well', 'What helped?'))),
    section('went_badly', list(wentBadly, prompt('went_badly', 'What got in the way?'))),
    section('lucky', prompt('lucky', 'Where did luck rather than design limit the harm?')),
  ];
  return sections.filter((entry) => !template.omit.includes(entry.id));
}
