import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/firebreak.yaml', import.meta.url));
const NOW = new Date('2026-11-04T12:00:00Z');

async function oncall(...args: string[]) {
  const io = memoryIo({ now: () => NOW });
  const code = await run(['oncall', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('firebreak oncall', () => {
  it('names who is on call now, the override that put them there and when the shift ends', async () => {
    const { code, out } = await oncall('-f', EXAMPLE, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      at: '2026-11-04T12:00:00.000Z',
      onCall: [
        {
          schedule: 'talent-ai-oncall',
          team: 'talent-ai',
          person: 'amara-okafor',
          name: 'Amara Okafor',
          layer: 'weekly',
          override: 'jonas-conference',
          until: '2026-11-05T17:00:00.000Z',
        },
      ],
    });
  });

  it('answers for another instant, in a table a person reads', async () => {
    const { code, out } = await oncall('-f', EXAMPLE, '--at', '2026-12-25T12:00:00Z');
    expect(code).toBe(0);
    expect(out).toContain('On call at 2026-12-25T12:00:00.000Z');
    expect(out).toMatch(
      /talent-ai-oncall\s+talent-ai\s+Priya Nair \(priya-nair\)\s+holiday-cover\s+2026-12-25T17:00:00.000Z/,
    );
  });

  it('lists the shifts of a period, hand-offs at 09:00 Berlin time on both sides of the clock change', async () => {
    const { code, out } = await oncall(
      'shifts',
      'talent-ai-oncall',
      '-f',
      EXAMPLE,
      '--from',
      '2026-10-19',
      '--to',
      '2026-11-17',
      '--json',
    );
    expect(code).toBe(0);
    const starts = (JSON.parse(out).shifts as Array<{ start: string }>).map((s) => s.start);
    // The example's rotation starts on 2 November (winter time, 09:00 = 08:00 UTC).
    expect(starts[0]).toBe('2026-11-02T08:00:00.000Z');
    expect(starts).toContain('2026-11-09T08:00:00.000Z');
  });

  it('writes an iCalendar feed that a calendar reads back, per schedule or per person', async () => {
    const schedule = await oncall(
      'ical',
      'talent-ai-oncall',
      '-f',
      EXAMPLE,
      '--from',
      '2026-12-21',
      '--to',
      '2026-12-28',
    );
    expect(schedule.code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(schedule.out)).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toContain('On call: Sam Ortiz (Talent AI on call)');
    const person = await oncall(
      'ical',
      '-f',
      EXAMPLE,
      '--person',
      'sam-ortiz',
      '--from',
      '2026-12-21',
      '--to',
      '2026-12-28',
    );
    expect(person.code).toBe(0);
    const own = new ICAL.Component(ICAL.parse(person.out)).getAllSubcomponents('vevent');
    expect(own.length).toBe(3);
  });

  it('refuses bad input with the option or field it is about, exit status 2', async () => {
    expect(await oncall('-f', EXAMPLE, '--at', 'yesterday')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--at: expected an ISO-8601 date or instant'),
    });
    expect(await oncall('shifts', 'nope', '-f', EXAMPLE)).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown schedule nope: the file has talent-ai-oncall'),
    });
    expect(
      await oncall('shifts', 'talent-ai-oncall', '-f', EXAMPLE, '--from', '2026-12-01', '--to', '2026-11-01'),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('--to: must be after --from'),
    });
    expect(await oncall('ical', '-f', EXAMPLE)).toMatchObject({
      code: 2,
      err: expect.stringContaining('name a schedule or --person'),
    });
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-oncall-'));
    const none = join(dir, 'none.yaml');
    await writeFile(none, 'version: 1\nsystems: []\n');
    expect(await oncall('-f', none)).toMatchObject({ code: 2, err: expect.stringContaining('declares no schedules') });
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      'version: 1\npeople:\n  - { id: ana, name: Ana, email: ana@example.com, timeZone: Europe/Berlin }\nschedules:\n  - id: s\n    name: S\n    timeZone: Mars/Olympus\n    layers:\n      - id: l\n        rotations: [{ members: [ana, bob], turn: weekly, start: "2026-11-02" }]\n',
    );
    const result = await oncall('-f', broken);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/broken\.yaml:7:\d+: schedules\[0\]\.timeZone/);
    expect(result.err).toMatch(
      /broken\.yaml:10:\d+: schedules\[0\]\.layers\[0\]\.rotations\[0\]\.members\[1\]: unknown person bob/,
    );
  });
});
