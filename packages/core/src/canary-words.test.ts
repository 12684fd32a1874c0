import { describe, expect, it } from 'vitest';
import { segmentGateText, signalSettingsText } from './canary-words';

describe('segmentGateText', () => {
  it('says how many segment series hold the step, for how long, and how many are too rare to clear', () => {
    expect(segmentGateText({ undecided: 1, remainingMs: null })).toBe(
      '1 segment series has not yet passed; they hold this step',
    );
    expect(segmentGateText({ undecided: 3, remainingMs: 90_001 })).toBe(
      '3 segment series have not yet passed; they may hold this step 2 min more',
    );
    expect(segmentGateText({ undecided: 2, remainingMs: 0, unclearable: 1 })).toBe(
      '2 segment series have not yet passed; the segment gate lapsed, so they no longer hold this step; 1 too rare to clear within the gate (they can still abort)',
    );
    expect(segmentGateText({ undecided: 1, remainingMs: 5_000 })).toContain('1 min more');
    expect(segmentGateText({})).toBe('');
  });

  it('says which zero-tolerance series wait for a person, and which a person accepted', () => {
    expect(segmentGateText({ undecided: 0, remainingMs: 0, unclearable: 0, zeroTolerance: 1 })).toBe(
      '1 zero-tolerance segment series holds this step until it passes or a person accepts the residual risk',
    );
    expect(segmentGateText({ undecided: 1, remainingMs: 60_000, zeroTolerance: 2 })).toBe(
      '1 segment series has not yet passed; they may hold this step 1 min more; 2 zero-tolerance segment series hold this step until they pass or a person accepts the residual risk',
    );
    expect(segmentGateText({ undecided: 0, remainingMs: 0, riskAccepted: 1 })).toBe(
      'residual risk of 1 zero-tolerance segment series accepted (judged like any other segment series)',
    );
  });
});

describe('signalSettingsText', () => {
  const plain = { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: false };
  it('names only what is not default', () => {
    expect(signalSettingsText('refusal', plain)).toBe('refusal');
    expect(signalSettingsText('refusal', undefined)).toBe('refusal');
    expect(signalSettingsText('pii', { ...plain, zeroTolerance: true })).toBe('pii (zero tolerance)');
    expect(signalSettingsText('secret', { ...plain, r1: 4 })).toBe('secret (zero tolerance off, aborts at ×4)');
    expect(signalSettingsText('refusal', { ...plain, r0: 1.2, rateFloor: 0.001 })).toBe(
      'refusal (tolerates ×1.2, floor 0.001)',
    );
  });
});
