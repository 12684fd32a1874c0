import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { dueInput, resolveDue, verificationFrom } from './action-flags';

const NOW = new Date('2026-12-06T10:00:00Z');

describe('due dates', () => {
  it.each([
    ['+14d', '2026-12-20T10:00:00.000Z'],
    ['+2w', '2026-12-20T10:00:00.000Z'],
    ['+48h', '2026-12-08T10:00:00.000Z'],
    ['2026-12-18T17:00:00+01:00', '2026-12-18T16:00:00.000Z'],
  ])('reads %s as %s', (typed, iso) => {
    expect(resolveDue(dueInput(typed), NOW)).toBe(iso);
  });

  it.each(['14d', '+0d', '+3m', 'tomorrow', '2026-13-01T00:00:00Z'])('refuses %s, saying what is expected', (typed) => {
    expect(() => dueInput(typed)).toThrow(/expected an ISO-8601 time .* or \+14d, \+2w, \+48h from now/);
  });
});

describe('verification flags', () => {
  it.each([
    [
      { verifyMonitor: 'support-copilot:flag:policy_contradiction' },
      { kind: 'monitor', system: 'support-copilot', signal: 'flag:policy_contradiction' },
    ],
    [
      { verifyMonitor: 'support-copilot:error_rate' },
      { kind: 'monitor', system: 'support-copilot', signal: 'error_rate' },
    ],
    [
      { verifyMonitor: 'support-copilot:pii-in-answers' },
      { kind: 'monitor', system: 'support-copilot', monitor: 'pii-in-answers' },
    ],
    [
      { verifyReplay: true, within: '5m', level: 'page', evidence: ['EV-4'] },
      { kind: 'replay', within: '5m', level: 'page', evidence: 'EV-4', monitor: undefined, lookback: undefined },
    ],
    [
      { verifyControl: 'support-copilot.auto-send', enabled: 'false' },
      {
        kind: 'control',
        control: 'support-copilot.auto-send',
        enabled: false,
        active: undefined,
        level: undefined,
        minShare: undefined,
      },
    ],
    [
      { verifyAttest: 'https://github.com/acme/copilot/pull/412', what: 'eval gate merged' },
      { kind: 'attestation', url: 'https://github.com/acme/copilot/pull/412', what: 'eval gate merged' },
    ],
  ])('builds the verification of %j', (options, spec) => {
    expect(verificationFrom(options)).toEqual(spec);
  });

  it('has none without a --verify flag', () => {
    expect(verificationFrom({})).toBeUndefined();
  });

  it.each([
    [
      { verifyReplay: true, verifyMonitor: 'a:error' },
      'give one verification, not --verify-monitor and --verify-replay',
    ],
    [{ within: '5m' }, '--within goes with --verify-replay'],
    [{ verifyAttest: 'https://x.example', within: '5m' }, '--within goes with --verify-replay'],
    [{ verifyMonitor: 'a:error', what: 'x' }, '--what goes with --verify-attest'],
    [{ level: 'page' }, '--level goes with --verify-replay or --verify-control'],
    [{ verifyReplay: true, level: 'strict' }, '--level: with --verify-replay, expected warn or page'],
    [{ verifyControl: 'a.b', level: 'page' }, '--level: with --verify-control, expected one of off, standard, strict'],
    [{ verifyControl: 'a.b', enabled: 'yes' }, '--enabled: expected true or false'],
    [{ verifyAttest: 'https://x.example' }, '--verify-attest needs --what TEXT'],
    [{ verifyMonitor: 'support-copilot' }, '--verify-monitor: expected SYSTEM:SIGNAL or SYSTEM:MONITOR'],
    [{ verifyMonitor: 'Support Copilot:error' }, '--verify-monitor: expected SYSTEM:SIGNAL or SYSTEM:MONITOR'],
  ])('refuses %j, naming the flag', (options, message) => {
    expect(() => verificationFrom(options)).toThrow(CliError);
    expect(() => verificationFrom(options)).toThrow(message);
  });
});
