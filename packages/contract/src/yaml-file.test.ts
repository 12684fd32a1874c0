import { readFileSync } from 'node:fs';
import { BUILTIN_SCENARIO_IDS, builtinScenarioUrl } from '@firebreak/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { builtinScenarios, formatScenarioError, parseScenario } from './yaml-file';

const LEAK = readFileSync(builtinScenarioUrl('copilot-retrieval-pii-leak'), 'utf8');

/** The leak scenario with one line replaced (`find` must occur once). */
function edited(find: string, replace: string): string {
  expect(LEAK.split(find)).toHaveLength(2);
  return LEAK.replace(find, replace);
}

function errorsOf(text: string) {
  const result = parseScenario(text, 'leak.yaml');
  if (!('errors' in result)) throw new Error('expected errors');
  return result.errors.map(formatScenarioError);
}

const lineOf = (text: string, find: string) => text.slice(0, text.indexOf(find)).split('\n').length;

describe('parseScenario', () => {
  it('reads every built-in scenario, defaults filled in', () => {
    const scenarios = builtinScenarios((url) => readFileSync(url, 'utf8'));
    expect(scenarios.map((scenario) => scenario.id)).toEqual([...BUILTIN_SCENARIO_IDS]);
    const leak = scenarios.find((scenario) => scenario.id === 'copilot-retrieval-pii-leak')!;
    expect(leak.telemetry.warmup).toBe('2d');
    expect(leak.expected.contain.controls).toContain('kill_switch');
    expect(leak.injects.find((inject) => inject.id === 'vp-eta')).toMatchObject({
      at: '30m',
      audience: 'incident_commander',
    });
  });

  it('names the file, line and field of a wrong value', () => {
    const text = edited('  rate: 20\n', '  rate: 5000\n');
    expect(errorsOf(text)).toContain(
      `leak.yaml:${lineOf(text, 'rate: 5000')}: telemetry.rate: at most 1000 events per minute`,
    );
  });

  it('refuses an unknown incident type, role and control kind, each at its line', () => {
    let text = edited('kind: privacy_leak\n', 'kind: privacy_leek\n');
    text = text.replace('roles: [incident_commander,', 'roles: [janitor,');
    text = text.replace('controls: [kill_switch,', 'controls: [nuke,');
    const errors = errorsOf(text);
    expect(errors.find((e) => e.includes(': kind: '))).toMatch(
      new RegExp(`^leak.yaml:${lineOf(text, 'kind: privacy_leek')}: kind: Invalid option`),
    );
    expect(errors.find((e) => e.includes('roles[0]'))).toMatch(
      new RegExp(`^leak.yaml:${lineOf(text, 'roles:')}: roles\\[0\\]: `),
    );
    expect(errors.find((e) => e.includes('controls[0]'))).toMatch(
      new RegExp(`^leak.yaml:${lineOf(text, 'controls: [nuke')}: expected.contain.controls\\[0\\]: `),
    );
  });

  it('wants exactly one of at and when on an inject', () => {
    const text = edited('    at: 30m\n', '    at: 30m\n    when: { after: declared }\n');
    expect(errorsOf(text)).toContain(
      `leak.yaml:${lineOf(text, 'at: 30m')}: injects[2].at: give exactly one of at (a drill time) or when`,
    );
    const neither = edited('    at: 30m\n', '');
    expect(errorsOf(neither).some((e) => e.includes('injects[2].at: give exactly one'))).toBe(true);
  });

  it('says a missing field is missing, at the enclosing node', () => {
    const text = edited('  onset: 15m\n', '');
    expect(errorsOf(text)).toContain(
      `leak.yaml:${lineOf(text, '  rate: 20')}: telemetry.onset: required field is missing (expected string)`,
    );
  });

  it('checks the telemetry against itself: onset in the drill, flags learnt, segments known', () => {
    let text = edited('  onset: 15m\n', '  onset: 2h\n');
    text = text.replace('flags: { pii: 0.03 }', 'flags: { pii: 0.03, toxic: 0.2 }');
    text = text.replace('    shape: abrupt\n', '    shape: abrupt\n    segment: { tenant: retail-asia }\n');
    const errors = errorsOf(text);
    expect(errors).toContain(
      `leak.yaml:${lineOf(text, 'onset: 2h')}: telemetry.onset: must be before the end of the drill (duration 1h)`,
    );
    expect(errors.some((e) => e.includes('telemetry.failure.changes.flags.toxic: list toxic in baseline.flags'))).toBe(
      true,
    );
    expect(
      errors.some((e) =>
        e.includes('telemetry.failure.segment.tenant: baseline.segments has no tenant with the value retail-asia'),
      ),
    ).toBe(true);
  });

  it('refuses unknown fields and reports YAML syntax errors with their line', () => {
    expect(errorsOf(edited('summary: >-\n', 'sumary: x\nsummary: >-\n'))).toContain(
      'leak.yaml:5: sumary: unknown field',
    );
    const broken = errorsOf('id: x\ntitle: [unclosed\n');
    expect(broken[0]).toMatch(/^leak\.yaml:\d+: /);
    expect(errorsOf('')).toEqual([
      'leak.yaml:1: the file is empty: expected a scenario with id, title, system and telemetry',
    ]);
  });

  it('never throws on a mangled scenario: it answers with errors', () => {
    const base = parse(LEAK) as Record<string, unknown>;
    const paths = [
      'telemetry',
      'telemetry.failure',
      'telemetry.failure.changes',
      'telemetry.baseline',
      'expected',
      'injects',
      'telemetry.onset',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        const copy = structuredClone(base);
        const keys = path.split('.');
        let node = copy as Record<string, unknown>;
        for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
        node[keys.at(-1)!] = value;
        const result = parseScenario(stringify(copy), 'fuzz.yaml');
        expect('scenario' in result || result.errors.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatScenarioError', () => {
  it('prints file:line: field: message, or file: message for a file that could not be read', () => {
    expect(formatScenarioError({ file: 'a.yaml', line: 3, column: 5, field: 'id', message: 'bad' })).toBe(
      'a.yaml:3: id: bad',
    );
    expect(formatScenarioError({ file: 'a.yaml', line: 0, field: '', message: 'cannot read' })).toBe(
      'a.yaml: cannot read',
    );
  });
});
