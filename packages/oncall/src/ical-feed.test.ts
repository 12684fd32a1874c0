import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { personFeed, scheduleFeed } from './ical-feed';
import type { Person, Schedule } from './model';

const PEOPLE: Person[] = [
  { id: 'ana', name: 'Ana Lima', timeZone: 'Europe/Berlin' },
  { id: 'ben', name: 'Ben Okafor', timeZone: 'Europe/London' },
];

const schedule = (id: string, members: string[]): Schedule => ({
  id,
  name: id === 'support-ai' ? 'Support AI' : 'Fraud',
  timeZone: 'Europe/Berlin',
  layers: [{ id: 'primary', rotations: [{ members, turn: 'weekly', handoff: '09:00', start: '2026-03-16' }] }],
});

const OPTIONS = {
  from: '2026-03-16T08:00:00Z',
  to: '2026-04-06T07:00:00Z',
  people: PEOPLE,
  generatedAt: '2026-03-01T12:00:00Z',
};

/** The events of a feed as ical.js reads them. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      stamp: vevent.getFirstPropertyValue('dtstamp')?.toString(),
    };
  });
}

describe('iCal feeds', () => {
  it('gives a schedule one event per shift, in UTC, readable by another parser', () => {
    const ics = scheduleFeed(schedule('support-ai', ['ana', 'ben']), OPTIONS);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(ics).toContain('X-WR-CALNAME:On call: Support AI');
    const parsed = events(ics);
    expect(parsed.map(({ summary, start, end }) => ({ summary, start, end }))).toEqual([
      // The second turn spans the change to summer time on 29 March: 167 hours.
      { summary: 'On call: Ana Lima (Support AI)', start: '2026-03-16T08:00:00.000Z', end: '2026-03-23T08:00:00.000Z' },
      {
        summary: 'On call: Ben Okafor (Support AI)',
        start: '2026-03-23T08:00:00.000Z',
        end: '2026-03-30T07:00:00.000Z',
      },
      { summary: 'On call: Ana Lima (Support AI)', start: '2026-03-30T07:00:00.000Z', end: '2026-04-06T07:00:00.000Z' },
    ]);
    expect(new Set(parsed.map((event) => event.uid)).size).toBe(3);
    expect(parsed[0]!.stamp).toBe('2026-03-01T12:00:00Z');
  });

  it('makes the same feed, UIDs included, from the same schedule', () => {
    const a = scheduleFeed(schedule('support-ai', ['ana', 'ben']), OPTIONS);
    expect(scheduleFeed(schedule('support-ai', ['ana', 'ben']), OPTIONS)).toBe(a);
  });

  it('gives a person their shifts on every schedule and nobody else’s', () => {
    const ics = personFeed('ben', [schedule('support-ai', ['ana', 'ben']), schedule('fraud', ['ben', 'ana'])], OPTIONS);
    expect(ics).toContain('X-WR-CALNAME:On call: Ben Okafor');
    expect(events(ics).map(({ summary, start }) => [summary, start])).toEqual([
      ['On call: Ben Okafor (Support AI)', '2026-03-23T08:00:00.000Z'],
      ['On call: Ben Okafor (Fraud)', '2026-03-16T08:00:00.000Z'],
      ['On call: Ben Okafor (Fraud)', '2026-03-30T07:00:00.000Z'],
    ]);
  });

  it('names a person it does not know by id', () => {
    const ics = scheduleFeed(schedule('support-ai', ['zoe']), { ...OPTIONS, people: [] });
    expect(events(ics)[0]!.summary).toBe('On call: zoe (Support AI)');
  });
});
