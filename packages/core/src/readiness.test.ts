import { describe, expect, it } from 'vitest';
import { computeReadiness, type ReadinessIncident, readinessBucket } from './readiness';
import { taxonomyCoverage, typesWatchedBy } from './readiness-coverage';

// A month of incidents whose figures are worked out by hand below. Times are seconds.
//
//            declared (UTC)        sev  type                systems         mttd  mtta  mtti  mttc  mttr
//   INC-A    Wed 2026-09-02 10:00  SEV1 privacy_leak        copilot         1200   300  1800  2400 14400
//   INC-B    Wed 2026-09-09 09:00  SEV2 hallucination_spike copilot          600   120     —  3600  7200
//   INC-C    Mon 2026-09-21 08:00  SEV3 bias (near miss)    fraud              —   900  5400  7200     —
//   INC-D    Mon 2026-09-28 12:00  SEV2 bias                fraud, copilot  3600    60   600  1200  2400
//   INC-E    Thu 2026-09-10 10:00  SEV4 dismissed: left out of every response time
const times = (
  mttd: number | null,
  mtta: number | null,
  mtti: number | null,
  mttc: number | null,
  mttr: number | null,
) => ({
  mttd,
  mtta,
  mtti,
  mttc,
  mttr,
});
const incident = (over: Partial<ReadinessIncident> & Pick<ReadinessIncident, 'id'>): ReadinessIncident => ({
  type: 'bias',
  severity: 'SEV3',
  systems: ['copilot'],
  status: 'resolved',
  nearMiss: false,
  declaredAt: '2026-09-01T00:00:00.000Z',
  resolvedAt: null,
  times: times(null, null, null, null, null),
  postmortem: null,
  ...over,
});

const incidents: ReadinessIncident[] = [
  incident({
    id: 'INC-A',
    type: 'privacy_leak',
    severity: 'SEV1',
    declaredAt: '2026-09-02T10:00:00.000Z',
    resolvedAt: '2026-09-02T14:00:00.000Z',
    times: times(1200, 300, 1800, 2400, 14400),
    postmortem: { status: 'published', publishedAt: '2026-09-15T12:00:00.000Z' },
  }),
  incident({
    id: 'INC-B',
    type: 'hallucination_spike',
    severity: 'SEV2',
    declaredAt: '2026-09-09T09:00:00.000Z',
    resolvedAt: '2026-09-09T11:00:00.000Z',
    times: times(600, 120, null, 3600, 7200),
    postmortem: { status: 'published', publishedAt: '2026-09-24T09:00:00.000Z' },
  }),
  incident({
    id: 'INC-C',
    systems: ['fraud'],
    status: 'contained',
    nearMiss: true,
    declaredAt: '2026-09-21T08:00:00.000Z',
    times: times(null, 900, 5400, 7200, null),
  }),
  incident({
    id: 'INC-D',
    severity: 'SEV2',
    systems: ['fraud', 'copilot'],
    declaredAt: '2026-09-28T12:00:00.000Z',
    resolvedAt: '2026-09-28T12:40:00.000Z',
    times: times(3600, 60, 600, 1200, 2400),
    postmortem: { status: 'draft', publishedAt: null },
  }),
  incident({
    id: 'INC-E',
    type: 'model_degradation',
    severity: 'SEV4',
    status: 'dismissed',
    declaredAt: '2026-09-10T10:00:00.000Z',
    resolvedAt: '2026-09-10T10:05:00.000Z',
    times: times(5, 5, 5, 5, 5),
  }),
];

const now = '2026-10-05T00:00:00.000Z';
const readiness = computeReadiness({
  from: '2026-09-01T00:00:00.000Z',
  to: '2026-10-01T00:00:00.000Z',
  now,
  incidents,
  actions: [
    // due 20 Sep, closed 18 Sep, verified: on time, verified
    {
      id: 'A1',
      incidentId: 'INC-A',
      status: 'closed',
      dueAt: '2026-09-20T00:00:00.000Z',
      closedAt: '2026-09-18T00:00:00.000Z',
      verified: true,
    },
    // closed 25 Sep after its due date: late
    {
      id: 'A2',
      incidentId: 'INC-A',
      status: 'closed',
      dueAt: '2026-09-20T00:00:00.000Z',
      closedAt: '2026-09-25T00:00:00.000Z',
      verified: false,
    },
    // still open on 5 Oct, due 30 Sep: late
    {
      id: 'A3',
      incidentId: 'INC-B',
      status: 'open',
      dueAt: '2026-09-30T00:00:00.000Z',
      closedAt: null,
      verified: false,
    },
    // due 20 Oct: pending
    {
      id: 'A4',
      incidentId: 'INC-B',
      status: 'in_progress',
      dueAt: '2026-10-20T00:00:00.000Z',
      closedAt: null,
      verified: false,
    },
    // closed and verified, no due date
    {
      id: 'A5',
      incidentId: 'INC-D',
      status: 'closed',
      dueAt: null,
      closedAt: '2026-09-29T00:00:00.000Z',
      verified: true,
    },
    // cancelled: not counted at all
    {
      id: 'A6',
      incidentId: 'INC-D',
      status: 'cancelled',
      dueAt: '2026-09-01T00:00:00.000Z',
      closedAt: null,
      verified: false,
    },
  ],
  alerts: [
    {
      system: 'copilot',
      monitor: 'm-pii',
      signal: 'flag:pii',
      status: 'resolved',
      incidentId: 'INC-A',
      acknowledgedAt: null,
    },
    {
      system: 'copilot',
      monitor: 'm-pii',
      signal: 'flag:pii',
      status: 'dismissed',
      incidentId: null,
      acknowledgedAt: null,
    },
    {
      system: 'copilot',
      monitor: 'm-pii',
      signal: 'flag:pii',
      status: 'resolved',
      incidentId: null,
      acknowledgedAt: '2026-09-03T00:00:00.000Z',
    },
    {
      system: 'copilot',
      monitor: 'm-hall',
      signal: 'flag:hallucination_suspected',
      status: 'firing',
      incidentId: null,
      acknowledgedAt: null,
    },
    {
      system: 'fraud',
      monitor: 'm-sel',
      signal: 'selection:group',
      status: 'dismissed',
      incidentId: null,
      acknowledgedAt: null,
    },
    {
      system: 'fraud',
      monitor: 'm-sel',
      signal: 'selection:group',
      status: 'dismissed',
      incidentId: null,
      acknowledgedAt: null,
    },
  ],
  systems: [
    {
      id: 'fraud',
      monitors: [
        { id: 'm-sel', signal: 'selection:group' },
        { id: 'm-drift', signal: 'feature:amount' },
        { id: 'm-x', signal: 'metric:extraction_queries' },
      ],
    },
    {
      id: 'copilot',
      monitors: [
        { id: 'm-pii', signal: 'flag:pii' },
        { id: 'm-hall', signal: 'flag:hallucination_suspected' },
        { id: 'm-fb', signal: 'feedback:negative' },
      ],
    },
  ],
  drills: [
    { id: 'DRL-1', team: 'team-a', passed: true },
    { id: 'DRL-2', team: 'team-a', passed: false },
    { id: 'DRL-3', team: 'team-b', passed: true },
  ],
});

describe('readiness, against a hand computation', () => {
  it('counts declared, dismissed and near-miss incidents', () => {
    expect(readiness.incidents).toEqual({ declared: 5, counted: 4, dismissed: 1, nearMisses: 1 });
  });

  it('summarises each response time over the incidents that have it (dismissed left out)', () => {
    const { overall } = readiness.response;
    // mttd: A 1200, B 600, D 3600 → mean 5400/3 = 1800, median 1200
    expect(overall.mttd).toEqual({ count: 3, mean: 1800, median: 1200 });
    // mtta: 300, 120, 900, 60 → mean 1380/4 = 345, median (120 + 300)/2 = 210
    expect(overall.mtta).toEqual({ count: 4, mean: 345, median: 210 });
    // mtti: 1800, 5400, 600 → mean 7800/3 = 2600, median 1800
    expect(overall.mtti).toEqual({ count: 3, mean: 2600, median: 1800 });
    // mttc: 2400, 3600, 7200, 1200 → mean 14400/4 = 3600, median (2400 + 3600)/2 = 3000
    expect(overall.mttc).toEqual({ count: 4, mean: 3600, median: 3000 });
    // mttr: 14400, 7200, 2400 → mean 24000/3 = 8000, median 7200
    expect(overall.mttr).toEqual({ count: 3, mean: 8000, median: 7200 });
  });

  it('breaks the times down by severity, type and system (an incident counts for each system it touches)', () => {
    const bySeverity = Object.fromEntries(readiness.response.bySeverity.map((g) => [g.key, g]));
    expect(Object.keys(bySeverity)).toEqual(['SEV1', 'SEV2', 'SEV3']);
    // SEV2 = B and D: mttd (600 + 3600)/2 = 2100, mttc (3600 + 1200)/2 = 2400
    expect(bySeverity.SEV2?.incidents).toBe(2);
    expect(bySeverity.SEV2?.times.mttd).toEqual({ count: 2, mean: 2100, median: 2100 });
    expect(bySeverity.SEV2?.times.mttc.mean).toBe(2400);
    // SEV3 = C, whose onset is unknown
    expect(bySeverity.SEV3?.times.mttd).toEqual({ count: 0, mean: null, median: null });
    const byType = Object.fromEntries(readiness.response.byType.map((g) => [g.key, g]));
    // bias = C and D: mttc (7200 + 1200)/2 = 4200
    expect(byType.bias?.times.mttc.mean).toBe(4200);
    expect(byType.model_degradation).toBeUndefined();
    const bySystem = Object.fromEntries(readiness.response.bySystem.map((g) => [g.key, g]));
    // copilot = A, B, D: mttc (2400 + 3600 + 1200)/3 = 2400; fraud = C, D: 4200
    expect(bySystem.copilot?.incidents).toBe(3);
    expect(bySystem.copilot?.times.mttc.mean).toBe(2400);
    expect(bySystem.fraud?.times.mttc.mean).toBe(4200);
  });

  it('trends by ISO week from the Monday on or before the start', () => {
    // 1 Sep 2026 is a Tuesday: weeks start 31 Aug, 7, 14, 21 and 28 Sep (5 Oct is past the end).
    expect(readiness.bucket).toBe('week');
    expect(
      readiness.response.trend.map((p) => [p.start.slice(0, 10), p.incidents, p.means.mttd, p.means.mttc]),
    ).toEqual([
      ['2026-08-31', 1, 1200, 2400],
      ['2026-09-07', 1, 600, 3600],
      ['2026-09-14', 0, null, null],
      ['2026-09-21', 1, null, 7200],
      ['2026-09-28', 1, 3600, 1200],
    ]);
  });

  it('judges postmortems against 10 business days after resolution', () => {
    // A: resolved Wed 2 Sep 14:00 → due Wed 16 Sep 14:00; published 15 Sep: on time.
    // B: resolved Wed 9 Sep 11:00 → due Wed 23 Sep 11:00; published 24 Sep: late.
    // D: resolved Mon 28 Sep 12:40 → due Mon 12 Oct 12:40; a draft on 5 Oct: pending.
    // C needs none (SEV3) and has none; E was dismissed.
    expect(readiness.postmortems.items).toEqual([
      {
        incidentId: 'INC-A',
        dueAt: '2026-09-16T14:00:00.000Z',
        publishedAt: '2026-09-15T12:00:00.000Z',
        outcome: 'on_time',
      },
      {
        incidentId: 'INC-B',
        dueAt: '2026-09-23T11:00:00.000Z',
        publishedAt: '2026-09-24T09:00:00.000Z',
        outcome: 'late',
      },
      { incidentId: 'INC-D', dueAt: '2026-10-12T12:40:00.000Z', publishedAt: null, outcome: 'pending' },
    ]);
    expect(readiness.postmortems).toMatchObject({ considered: 3, onTime: 1, late: 1, pending: 1, share: 0.5 });
  });

  it('counts actions on time and verified, leaving cancelled ones out', () => {
    // on time: A1; late: A2 (closed late), A3 (overdue); pending: A4; no due date: A5
    // closed: A1, A2, A5; verified: A1, A5 → 2/3
    expect(readiness.actions).toEqual({
      total: 5,
      onTime: 1,
      late: 2,
      pending: 1,
      noDueDate: 1,
      closed: 3,
      verified: 2,
      onTimeShare: 1 / 3,
      verifiedShare: 2 / 3,
    });
  });

  it('measures alert precision per monitor: acted on ÷ (acted on + dismissed)', () => {
    expect(readiness.alerts.monitors).toEqual([
      { system: 'copilot', monitor: 'm-hall', alerts: 1, actedOn: 0, dismissed: 0, unreviewed: 1, precision: null },
      { system: 'copilot', monitor: 'm-pii', alerts: 3, actedOn: 2, dismissed: 1, unreviewed: 0, precision: 2 / 3 },
      { system: 'fraud', monitor: 'm-sel', alerts: 2, actedOn: 0, dismissed: 2, unreviewed: 0, precision: 0 },
    ]);
    // overall: 2 acted on, 3 dismissed → 2/5
    expect(readiness.alerts).toMatchObject({ total: 6, actedOn: 2, dismissed: 3, precision: 0.4 });
  });

  it('measures taxonomy coverage per system', () => {
    expect(readiness.coverage.map((c) => [c.system, c.monitors, c.covered, c.share])).toEqual([
      ['copilot', 3, ['model_degradation', 'hallucination_spike', 'privacy_leak'], 0.25],
      ['fraud', 3, ['bias', 'model_extraction', 'distribution_shift'], 0.25],
    ]);
    expect(readiness.coverage[0]?.missing).toHaveLength(9);
  });

  it('counts drills run and passed per team', () => {
    expect(readiness.drills).toEqual({
      run: 3,
      passed: 2,
      passRate: 2 / 3,
      teams: [
        { team: 'team-a', run: 2, passed: 1, failed: 1, passRate: 0.5 },
        { team: 'team-b', run: 1, passed: 1, failed: 0, passRate: 1 },
      ],
    });
  });

  it('has no figures, not zeros, for an empty period', () => {
    const empty = computeReadiness({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      now,
      incidents: [],
      actions: [],
      alerts: [],
      systems: [],
      drills: [],
    });
    expect(empty.response.overall.mttr).toEqual({ count: 0, mean: null, median: null });
    expect([empty.postmortems.share, empty.actions.onTimeShare, empty.alerts.precision, empty.drills.passRate]).toEqual(
      [null, null, null, null],
    );
    // A quarter of 90 days trends by week; a half-year by month.
    expect(empty.bucket).toBe('week');
    expect(empty.response.trend).toHaveLength(14);
    expect(readinessBucket('2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z')).toBe('month');
  });
});

describe('typesWatchedBy', () => {
  it.each([
    ['flag:pii', ['privacy_leak']],
    ['selection:region', ['bias']],
    ['feature:amount', ['distribution_shift']],
    ['metric:vendor_provenance_failures', ['supply_chain_compromise']],
    ['flag:jailbreak_suspected', ['safety_bypass']],
    ['metric:rows_ingested', []],
  ])('%s watches %j', (signal, types) => {
    expect(typesWatchedBy(signal)).toEqual(types);
  });

  it('counts a monitor once however many types it covers', () => {
    expect(taxonomyCoverage('x', [{ id: 'fb', signal: 'feedback:negative' }])).toMatchObject({
      monitors: 1,
      covered: ['model_degradation', 'hallucination_spike'],
    });
  });
});
