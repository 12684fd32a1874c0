import type { Control, ControlChange } from '@firebreak/contract';
import { BUNDLE_STATUSES, type BundleStatus } from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { actionFromDraft, initialDraft } from './action-draft';
import { actionsFor, approvalHint, previewAction, requestFor, rollbackTargets } from './control-actions';
import {
  approvalLine,
  BUNDLE_STATUS_TITLES,
  bundleGroups,
  byUrgency,
  conditionText,
  expiryValue,
  knownGoodText,
  parseCondition,
  revertAt,
  revertState,
  sentence,
  seriousOn,
} from './control-text';

const killSwitch = {
  key: 'support-copilot.auto-send',
  kind: 'kill_switch',
  versions: null,
  state: { kind: 'kill_switch', enabled: true },
} satisfies Partial<Control>;
const prompt = {
  key: 'support-copilot.prompt',
  kind: 'route',
  versions: ['v5', 'v6', 'v7'],
  state: { kind: 'route', active: 'v6', canary: null, knownGood: ['v5'] },
} satisfies Partial<Control>;

describe('control actions', () => {
  it.each([
    [killSwitch, ['kill']],
    [{ ...killSwitch, state: { kind: 'kill_switch', enabled: false } }, ['enable']],
    [prompt, ['rollback', 'set-active', 'canary']],
    [
      { ...prompt, state: { ...prompt.state, canary: { version: 'v7', percent: 5, stickyBy: 'user' } } },
      ['rollback', 'set-active', 'canary', 'end-canary'],
    ],
    [{ ...prompt, versions: ['v6'] }, []],
    [{ kind: 'throttle', versions: null, state: { kind: 'throttle', limit: null } }, ['throttle']],
    [
      { kind: 'throttle', versions: null, state: { kind: 'throttle', limit: { rate: 5, per: '1m' } } },
      ['throttle', 'lift-throttle'],
    ],
  ] as const)('offers what the state allows (%#)', (control, expected) => {
    expect(actionsFor(control as Control)).toEqual(expected);
  });

  it('pauses, resumes and flushes, previewing in the timeline’s words', () => {
    const queue = {
      key: 'support-copilot.ingest',
      kind: 'queue',
      versions: null,
      state: { kind: 'queue', paused: false, retryAfter: null },
    } satisfies Partial<Control>;
    const paused = { ...queue, state: { kind: 'queue', paused: true, retryAfter: '30s' } } satisfies Partial<Control>;
    const cache = {
      key: 'support-copilot.answers',
      kind: 'cache',
      versions: null,
      state: { kind: 'cache', generation: 2, flushedAt: null, scope: null },
    } satisfies Partial<Control>;
    expect(actionsFor(queue)).toEqual(['pause']);
    expect(actionsFor(paused)).toEqual(['resume', 'pause']);
    expect(actionsFor(cache)).toEqual(['flush']);
    expect(initialDraft(paused, 'pause').retryAfter).toBe('30s');
    expect(actionFromDraft('pause', { ...initialDraft(queue, 'pause'), retryAfter: 'soon' })).toMatchObject({
      ok: false,
      field: 'retryAfter',
    });
    const pause = actionFromDraft('pause', { ...initialDraft(queue, 'pause'), retryAfter: ' 30s ' });
    expect(pause).toEqual({ ok: true, action: { type: 'pause', retryAfter: '30s' } });
    expect(requestFor({ type: 'pause', retryAfter: '30s' }, { reason: 'x' })).toEqual({
      kind: 'change',
      body: { paused: true, retryAfter: '30s', reason: 'x' },
    });
    expect(previewAction(queue, { type: 'pause', retryAfter: '30s' })).toMatchObject({
      line: 'support-copilot.ingest: running → paused (retry after 30s)',
    });
    const resume = previewAction(paused, { type: 'resume' });
    expect(resume).toMatchObject({ line: 'support-copilot.ingest: paused (retry after 30s) → running' });
    expect(resume.ok && approvalHint(paused, resume.after, ['INC-3 (SEV1)'])).toMatch(/resuming a paused queue/);
    expect(actionFromDraft('flush', { ...initialDraft(cache, 'flush'), scope: 'a b' })).toMatchObject({
      ok: false,
      field: 'scope',
    });
    expect(requestFor({ type: 'flush', scope: 'tenant:acme' }, { reason: 'x' })).toEqual({
      kind: 'change',
      body: { flush: { scope: 'tenant:acme' }, reason: 'x' },
    });
    expect(previewAction(cache, { type: 'flush' })).toMatchObject({
      line: 'support-copilot.answers: flushed everything (generation 2 → 3)',
    });
  });

  it('previews a kill in the words the timeline will use', () => {
    expect(previewAction(killSwitch, { type: 'kill' })).toMatchObject({
      ok: true,
      line: 'support-copilot.auto-send: on → off (killed)',
    });
  });

  it('previews a rollback to the last known-good version, and to a chosen one', () => {
    expect(previewAction(prompt, { type: 'rollback' })).toMatchObject({
      ok: true,
      line: 'support-copilot.prompt: v6 → v5',
    });
    expect(previewAction(prompt, { type: 'rollback', to: 'v7' })).toMatchObject({
      ok: true,
      line: 'support-copilot.prompt: v6 → v7',
    });
  });

  it('asks for a rollback target when no known-good version is recorded', () => {
    const fresh = { ...prompt, state: { ...prompt.state, knownGood: [] } };
    expect(previewAction(fresh, { type: 'rollback' })).toEqual({
      ok: false,
      problem: 'no known-good version recorded before v6: choose the version to roll back to',
    });
    expect(previewAction(fresh, { type: 'rollback', to: 'v5' })).toMatchObject({
      ok: true,
      line: 'support-copilot.prompt: v6 → v5',
    });
  });

  it('says why a change cannot be made instead of previewing it', () => {
    expect(previewAction({ ...killSwitch, state: { kind: 'kill_switch', enabled: false } }, { type: 'kill' })).toEqual({
      ok: false,
      problem: 'enabled: nothing to change: the control is already off (killed)',
    });
    expect(previewAction(prompt, { type: 'canary', version: 'v6', percent: 5, stickyBy: 'user' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('already the active version'),
    });
  });

  it('predicts the second-person rule: re-enabling during an open SEV1 waits, killing never does', () => {
    const off = { ...killSwitch, state: { kind: 'kill_switch' as const, enabled: false } };
    const enable = previewAction(off, { type: 'enable' });
    expect(enable.ok && approvalHint(off, enable.after, ['INC-2'])).toMatch(
      /re-enabling a killed capability during open INC-2/,
    );
    const kill = previewAction(killSwitch, { type: 'kill' });
    expect(kill.ok && approvalHint(killSwitch, kill.after, ['INC-2'])).toBeUndefined();
  });

  it('builds the request with a trimmed reason, leaving out empty options', () => {
    expect(
      requestFor({ type: 'kill' }, { reason: ' PII in answers ', incident: 'INC-2', expiresIn: undefined }),
    ).toEqual({ kind: 'change', body: { enabled: false, reason: 'PII in answers', incident: 'INC-2' } });
    expect(requestFor({ type: 'rollback' }, { reason: 'bad', expiresIn: '1h' })).toEqual({
      kind: 'rollback',
      body: { reason: 'bad', expiresIn: '1h' },
    });
    expect(requestFor({ type: 'throttle', rate: 10, per: '1m', by: '' }, { reason: 'r' }).body).toEqual({
      limit: { rate: 10, per: '1m' },
      reason: 'r',
    });
  });

  it('offers rollback targets known-good first, then the other deployable versions newest first', () => {
    expect(
      rollbackTargets({
        versions: ['v4', 'v5', 'v6', 'v7'],
        state: { kind: 'route', active: 'v6', canary: null, knownGood: ['v5'] },
      }),
    ).toEqual(['v5', 'v7', 'v4']);
  });
});

describe('control wording', () => {
  it.each([
    ['', '', { ok: true, value: undefined }],
    ['1h', '', { ok: true, value: '1h' }],
    ['custom', ' 90m ', { ok: true, value: '90m' }],
    ['custom', 'soon', { ok: false, problem: 'write a duration such as 30m, 2h or 1d' }],
    ['custom', '30s', { ok: false, problem: 'at least a minute, so there is time to renew it' }],
  ])('reads the expiry choice %j %j', (choice, custom, expected) => {
    expect(expiryValue(choice, custom)).toEqual(expected);
  });

  it('says when a temporary change reverts', () => {
    expect(revertAt('15m', new Date('2026-11-24T10:00:00Z'))).toBe('2026-11-24T10:15:00.000Z');
  });

  it('finds what a temporary control reverts to, across renewals', () => {
    const change = (before: boolean, expiresAt: string | null, action: ControlChange['action'] = 'changed') =>
      ({
        before: { kind: 'kill_switch', enabled: before },
        after: { kind: 'kill_switch', enabled: false },
        expiresAt,
        action,
      }) as ControlChange;
    expect(
      revertState([
        change(false, '2026-11-24T11:00:00Z', 'renewed'),
        change(true, '2026-11-24T10:15:00Z'),
        change(true, null),
      ]),
    ).toEqual({ kind: 'kill_switch', enabled: true });
    expect(revertState([change(true, null)])).toBeUndefined();
  });

  it('describes a pending approval against the current state', () => {
    const off = { ...killSwitch, state: { kind: 'kill_switch' as const, enabled: false } };
    expect(approvalLine({ key: off.key, change: { type: 'set', enabled: true, reason: 'fixed' } }, off)).toBe(
      'support-copilot.auto-send: off (killed) → on',
    );
    expect(approvalLine({ key: prompt.key, change: { type: 'set', active: 'v7', reason: 'fixed' } }, prompt)).toBe(
      'support-copilot.prompt: v6 → v7',
    );
    expect(
      approvalLine({ key: off.key, change: { type: 'revert', state: { kind: 'kill_switch', enabled: true } } }, off),
    ).toBe('support-copilot.auto-send: off (killed) → on');
  });

  it.each([
    ['flag', 'pii', { ok: true, rule: { flag: 'pii' } }],
    ['segment', 'topic = refund', { ok: true, rule: { segment: { topic: 'refund' } } }],
    ['confidenceBelow', '0.6', { ok: true, rule: { confidenceBelow: 0.6 } }],
    ['confidenceBelow', '2', { ok: false, problem: 'a confidence between 0 and 1, such as 0.6' }],
    ['segment', 'refund', { ok: false, problem: 'key=value, such as region=EU' }],
  ] as const)('reads a %s condition from %j', (type, text, expected) => {
    expect(parseCondition(type, text)).toEqual(expected);
  });

  it('words review conditions', () => {
    expect([{ flag: 'pii' }, { segment: { topic: 'refund' } }, { confidenceBelow: 0.55 }].map(conditionText)).toEqual([
      'flag pii',
      'segment topic=refund',
      'confidence below 0.55',
    ]);
  });
});

describe('control dialog fields', () => {
  it('start from the control’s current values', () => {
    const canary = {
      ...prompt,
      state: { ...prompt.state, canary: { version: 'v7', percent: 10, stickyBy: 'tenant' } },
    };
    expect(initialDraft(canary, 'canary')).toMatchObject({ version: 'v7', percent: '10', stickyBy: 'tenant' });
    expect(initialDraft(prompt, 'set-active').version).toBe('v5');
    expect(
      initialDraft({ versions: null, state: { kind: 'human_review', share: 0.25, when: [{ flag: 'pii' }] } }, 'review'),
    ).toMatchObject({ share: '25', when: [{ flag: 'pii' }] });
    expect(initialDraft({ versions: null, state: { kind: 'output_filter', level: 'standard' } }, 'filter').level).toBe(
      'strict',
    );
  });

  it('read into an action, or name the first field that does not make sense', () => {
    const draft = initialDraft(prompt, 'canary');
    expect(actionFromDraft('canary', draft)).toEqual({
      ok: true,
      action: { type: 'canary', version: 'v7', percent: 5, stickyBy: 'user' },
    });
    expect(actionFromDraft('canary', { ...draft, percent: '140' })).toEqual({
      ok: false,
      field: 'percent',
      problem: 'a percentage from 0 to 100',
    });
    expect(actionFromDraft('throttle', { ...draft, rate: '20', per: '1m', by: '' })).toEqual({
      ok: true,
      action: { type: 'throttle', rate: 20, per: '1m', by: undefined },
    });
    expect(actionFromDraft('throttle', { ...draft, rate: '2.5' })).toMatchObject({ ok: false, field: 'rate' });
    expect(actionFromDraft('throttle', { ...draft, per: 'minute' })).toMatchObject({ ok: false, field: 'per' });
    expect(actionFromDraft('review', { ...draft, share: '12.5', when: [] })).toEqual({
      ok: true,
      action: { type: 'review', share: 0.125, when: [] },
    });
    expect(actionFromDraft('rollback', { ...draft, version: '' })).toEqual({
      ok: true,
      action: { type: 'rollback', to: undefined },
    });
  });
});

describe('server clauses', () => {
  it('become sentences', () => {
    expect(sentence('re-enabling a killed capability during open INC-2 needs a second person’s approval')).toBe(
      'Re-enabling a killed capability during open INC-2 needs a second person’s approval.',
    );
    expect(sentence('Done.')).toBe('Done.');
  });
});

describe('serious incidents on a system', () => {
  it('are the open SEV1 and SEV2 ones touching it', () => {
    const incidents: Parameters<typeof seriousOn>[0] = [
      { id: 'INC-1', severity: 'SEV2', status: 'resolved', systems: ['support-copilot'] },
      { id: 'INC-2', severity: 'SEV1', status: 'active', systems: ['support-copilot', 'order-lookup'] },
      { id: 'INC-3', severity: 'SEV3', status: 'active', systems: ['support-copilot'] },
      { id: 'INC-4', severity: 'SEV2', status: 'triage', systems: ['fraud-model'] },
    ];
    expect(seriousOn(incidents, 'support-copilot')).toEqual(['INC-2 (SEV1)']);
  });
});

describe('control order and routes', () => {
  it('puts kill switches first, then routes, review, filters and throttles', () => {
    const list = [
      { kind: 'throttle', name: 'rate' },
      { kind: 'route', name: 'prompt' },
      { kind: 'kill_switch', name: 'auto-send' },
      { kind: 'route', name: 'model' },
      { kind: 'output_filter', name: 'filter' },
    ] as const;
    expect(byUrgency(list).map((control) => control.name)).toEqual(['auto-send', 'model', 'prompt', 'filter', 'rate']);
  });

  it('says where a rollback would go', () => {
    expect(knownGoodText(['v5'])).toBe('known-good: v5');
    expect(knownGoodText([])).toBe('no known-good version recorded');
  });
});

describe('route bundles on the control page', () => {
  it('shows the bundles in use first (active, canary, known-good), newest first, retired ones apart', () => {
    const bundle = (version: string, status: BundleStatus) => ({ version, status });
    const { live, retired } = bundleGroups([
      bundle('v1', 'retired'),
      bundle('v2', 'known-good'),
      bundle('v3', 'known-good'),
      bundle('v4', 'available'),
      bundle('v5', 'active'),
      bundle('v6', 'retired'),
      bundle('v7', 'canary'),
      bundle('v8', 'available'),
    ]);
    expect(live.map((b) => `${b.version} ${b.status}`)).toEqual([
      'v5 active',
      'v7 canary',
      'v3 known-good',
      'v2 known-good',
      'v8 available',
      'v4 available',
    ]);
    expect(retired.map((b) => b.version)).toEqual(['v6', 'v1']);
    expect(Object.keys(BUNDLE_STATUS_TITLES).sort()).toEqual([...BUNDLE_STATUSES].sort());
  });
});
