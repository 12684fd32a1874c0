import { Verification } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { detailRows, draftOf, EMPTY_VERIFICATION, queryForTab, toVerification, verdict } from './action-text';

describe('toVerification', () => {
  it('sends nothing when no verification is chosen', () => {
    expect(toVerification(EMPTY_VERIFICATION)).toBeUndefined();
  });
  it.each([
    [
      { kind: 'replay', within: '10m', monitor: ' pii ' },
      { kind: 'replay', within: '10m', level: 'warn', monitor: 'pii', lookback: '2d' },
    ],
    [
      { kind: 'monitor', system: 'support-copilot', signal: 'flag:pii' },
      { kind: 'monitor', system: 'support-copilot', signal: 'flag:pii' },
    ],
    [
      { kind: 'control', control: 'support-copilot.auto-send', enabled: 'false', minShare: '0.5' },
      { kind: 'control', control: 'support-copilot.auto-send', enabled: false, minShare: 0.5 },
    ],
    [
      { kind: 'attestation', url: 'https://ci.example.com/run/1', what: 'Eval in the release gate' },
      { kind: 'attestation', url: 'https://ci.example.com/run/1', what: 'Eval in the release gate' },
    ],
  ] as const)('sends only the chosen kind’s typed fields (%o)', (fields, expected) => {
    const sent = toVerification({ ...EMPTY_VERIFICATION, ...fields });
    expect(sent).toEqual(expected);
    // What the editor sends is what the contract accepts.
    expect(Verification.safeParse(sent).success).toBe(true);
  });
  it('leaves a monitor without signal or monitor for the server to refuse, naming the field', () => {
    const sent = toVerification({ ...EMPTY_VERIFICATION, kind: 'monitor', system: 'support-copilot' });
    const parsed = Verification.safeParse(sent);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['signal']);
  });
  it('reads a stored verification back into the editor unchanged', () => {
    const stored = Verification.parse({ kind: 'replay', monitor: 'pii-in-answers', within: '5m' });
    expect(toVerification(draftOf(stored))).toEqual(stored);
    const control = Verification.parse({ kind: 'control', control: 'support-copilot.review', minShare: 0.2 });
    expect(toVerification(draftOf(control))).toEqual(control);
  });
});

describe('the actions page', () => {
  it('asks each tab’s question', () => {
    expect(queryForTab('mine', undefined)).toEqual({ owner: 'me', open: true });
    expect(queryForTab('overdue', 'x')).toEqual({ overdue: true });
    expect(queryForTab('system', 'support-copilot')).toEqual({ system: 'support-copilot', open: true });
    expect(queryForTab('open', undefined)).toEqual({ open: true });
  });
  it('says the verdict and lists the figures behind it', () => {
    expect(verdict(null)).toBe('not run');
    expect(verdict({ passed: true })).toBe('PASSED');
    expect(verdict({ passed: false })).toBe('FAILED');
    expect(
      detailRows({
        events: 40,
        firstAlert: { monitor: 'default:flag:pii', delaySeconds: 120, at: '2026-12-06T04:45:00.000Z' },
        monitors: ['a', 'b'],
        extra: null,
      }),
    ).toEqual([
      ['events', '40'],
      ['first alert monitor', 'default:flag:pii'],
      ['first alert delay seconds', '120'],
      ['first alert at', '2026-12-06 04:45:00 UTC'],
      ['monitors', 'a, b'],
      ['extra', '—'],
    ]);
  });
});
