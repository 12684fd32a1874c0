import { describe, expect, it } from 'vitest';
import { globMatches, matchesAlert, matchesComposite, type RuleWhen } from './triage-rules';

const rule = (when: RuleWhen) => ({ id: 'r', when });
const alert = (signal: string, level = 'page', monitor = `m-${signal}`) => ({
  system: 'fraud-model',
  monitor,
  signal,
  level,
});

describe('triage rule matching', () => {
  it.each([
    ['flag:*', 'flag:pii', true],
    ['flag:*', 'feedback:negative', false],
    ['selection:*', 'selection:gender', true],
    ['fraud-*', 'fraud-model', true],
    ['confidence', 'confidence', true],
    ['a.b', 'axb', false],
  ])('glob %s against %s is %s', (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
  });

  it('matches level: page only on pages, level: warn on both', () => {
    expect(matchesAlert(rule({ signal: 'flag:pii', level: 'page' }), alert('flag:pii', 'warn'))).toBe(false);
    expect(matchesAlert(rule({ signal: 'flag:pii', level: 'warn' }), alert('flag:pii', 'page'))).toBe(true);
    expect(matchesAlert(rule({ system: 'support-*' }), alert('flag:pii'))).toBe(false);
  });

  it('fires a composite rule when enough distinct signals alert together', () => {
    const composite = rule({ atLeast: 2, of: ['confidence', 'prediction', 'error_rate'], within: '30m' });
    expect(matchesComposite(composite, alert('confidence'), [])).toBe(false);
    expect(matchesComposite(composite, alert('confidence'), [alert('confidence', 'page', 'other')])).toBe(false);
    expect(matchesComposite(composite, alert('confidence'), [alert('prediction')])).toBe(true);
    expect(matchesAlert(composite, alert('confidence'))).toBe(false);
  });

  it('files under a composite rule only an alert the rule names in `of`', () => {
    // A degradation rule (confidence and prediction together) must not take a fairness alert
    // that happens to fire on the same system while the degradation alerts are recent.
    const composite = rule({ atLeast: 2, of: ['confidence', 'prediction'], within: '30m' });
    const recent = [alert('confidence'), alert('prediction')];
    expect(matchesComposite(composite, alert('selection_rate:group'), recent)).toBe(false);
    expect(matchesComposite(composite, alert('flag:pii'), recent)).toBe(false);
    expect(matchesComposite(composite, alert('prediction'), [alert('confidence')])).toBe(true);
    // `of` globs reach the monitor id as well as the signal.
    const byMonitor = rule({ atLeast: 2, of: ['m-latency*', 'confidence'], within: '30m' });
    expect(matchesComposite(byMonitor, alert('latency_ms', 'page', 'm-latency-p95'), [alert('confidence')])).toBe(true);
    expect(
      matchesComposite(byMonitor, alert('error_rate'), [
        alert('confidence'),
        alert('latency_ms', 'page', 'm-latency-p95'),
      ]),
    ).toBe(false);
  });
});
