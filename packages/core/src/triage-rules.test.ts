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
});
