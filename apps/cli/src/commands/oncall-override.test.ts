import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';
import { overrideId, overrideRequest, overrideYaml, parseOverrideId } from './oncall-override';

const FROM = '2026-12-24T09:00:00.000Z';
const TO = '2026-12-27T09:00:00.000Z';

describe('override add, before the server', () => {
  it.each([
    ['priya-nair', FROM, 'priya-nair-2026-12-24'],
    ['dana.reyes_2', FROM, 'dana-reyes-2-2026-12-24'],
    ['a'.repeat(60), FROM, `${'a'.repeat(60)}-20`],
  ])('names an override after the person and its first day: %s', (person, from, id) => {
    expect(overrideId(person, from)).toBe(id);
    expect(parseOverrideId(overrideId(person, from))).toBe(id);
  });

  it('builds the request from the options, the id generated when none is given', () => {
    expect(overrideRequest({ schedule: 'talent-ai-oncall', person: 'priya-nair', from: FROM, to: TO })).toEqual({
      id: 'priya-nair-2026-12-24',
      schedule: 'talent-ai-oncall',
      person: 'priya-nair',
      from: FROM,
      to: TO,
    });
  });

  it.each([
    [{ schedule: undefined }, "required option '--schedule <id>' not specified"],
    [{ schedule: 'Talent AI' }, '--schedule: expected a schedule id such as talent-ai-oncall, got Talent AI'],
    [{ to: FROM }, `--to: must be after --from (${FROM})`],
    [{ replacing: 'priya-nair' }, '--replacing: name the person being covered'],
  ])('refuses %o, naming the option', (change, message) => {
    const options = { schedule: 'talent-ai-oncall', person: 'priya-nair', from: FROM, to: TO, ...change };
    expect(() => overrideRequest(options)).toThrow(message);
  });

  it('prints the override as the firebreak.yaml entry to add', () => {
    const request = overrideRequest({
      schedule: 's',
      person: 'p',
      from: FROM,
      to: TO,
      replacing: 'q',
      reason: 'Jonas: ill',
      id: 'cover',
    });
    expect(overrideYaml(request)).toEqual([
      '  - id: cover',
      '    schedule: s',
      '    person: p',
      '    replacing: q',
      `    from: "${FROM}"`,
      `    to: "${TO}"`,
      '    reason: "Jonas: ill"',
    ]);
  });
});

async function cli(...args: string[]) {
  // No server listens here: every case must be refused before a request is made.
  const io = memoryIo({ env: { FIREBREAK_URL: 'http://127.0.0.1:9', FIREBREAK_TOKEN: 'fbk_test' } });
  const code = await run(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('firebreak oncall override, bad input', () => {
  const add = ['oncall', 'override', 'add', '--person', 'priya-nair', '--from', FROM, '--to', TO];

  it.each([
    [[...add], "required option '--schedule <id>' not specified"],
    [
      [...add.slice(0, 5), '--from', 'tomorrow', '--to', TO, '--schedule', 's'],
      "option '--from <time>' argument 'tomorrow' is invalid",
    ],
    [
      [...add.slice(0, 7), '--to', '2026-12-24', '--schedule', 's'],
      "option '--to <time>' argument '2026-12-24' is invalid",
    ],
    [[...add, '--schedule', 's', '--to', '2026-12-23T00:00:00Z'], '--to: must be after --from'],
    [[...add, '--schedule', 's', '--id', 'Bad_Id'], "option '--id <id>' argument 'Bad_Id' is invalid"],
    [['oncall', 'override', 'remove', 'no.dots'], "'no.dots' is invalid for argument 'id'"],
  ])('exits 2 naming the argument: %j', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toContain('cannot reach');
  });
});
