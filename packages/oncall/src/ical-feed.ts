import { ICalCalendar, ICalEventTransparency } from 'ical-generator';
import type { Person, Schedule, Shift } from './model';
import { type InstantInput, toEpochMs } from './on-call';
import { shifts } from './shifts';

/** What a feed covers and how it names people. */
export interface FeedOptions {
  from: InstantInput;
  to: InstantInput;
  /** People to show by name; an id not found is shown as the id. */
  people?: readonly Person[];
  /** The DTSTAMP of every event: when the feed was made (this package never reads the clock). */
  generatedAt: InstantInput;
  /** PRODID domain and UID suffix; defaults to firebreak.dev. */
  domain?: string;
}

function nameOf(people: readonly Person[] | undefined, id: string): string {
  return people?.find((person) => person.id === id)?.name ?? id;
}

function newCalendar(name: string): ICalCalendar {
  return new ICalCalendar({
    name,
    prodId: { company: 'Firebreak', product: 'On-call', language: 'EN' },
  });
}

function addShift(calendar: ICalCalendar, schedule: Schedule, shift: Shift, options: FeedOptions): void {
  const decidedBy = shift.override ? `override ${shift.override}` : `layer ${shift.layer}`;
  calendar.createEvent({
    // Stable as long as the shift is: a calendar app updates the event instead of doubling it.
    id: `${schedule.id}/${shift.person}/${shift.start}@${options.domain ?? 'firebreak.dev'}`,
    start: new Date(shift.start),
    end: new Date(shift.end),
    stamp: new Date(toEpochMs(options.generatedAt, 'generatedAt')),
    summary: `On call: ${nameOf(options.people, shift.person)} (${schedule.name})`,
    description: `Schedule ${schedule.id}, ${decidedBy}.`,
    // Being on call is not a meeting: it should not mark the person busy.
    transparency: ICalEventTransparency.TRANSPARENT,
    x: { 'X-FIREBREAK-SCHEDULE': schedule.id, 'X-FIREBREAK-PERSON': shift.person },
  });
}

/**
 * An iCalendar (RFC 5545) feed of a schedule's shifts between two instants, one event per shift,
 * times in UTC so every calendar app places them the same.
 *
 * @example
 * const ics = scheduleFeed(schedule, { from, to, people, generatedAt: now });
 */
export function scheduleFeed(schedule: Schedule, options: FeedOptions): string {
  const calendar = newCalendar(`On call: ${schedule.name}`);
  for (const shift of shifts(schedule, options.from, options.to)) addShift(calendar, schedule, shift, options);
  return calendar.toString();
}

/**
 * A person's own feed: their shifts on every schedule between two instants.
 *
 * @example
 * const ics = personFeed('dana', schedules, { from, to, people, generatedAt: now });
 */
export function personFeed(personId: string, schedules: readonly Schedule[], options: FeedOptions): string {
  const calendar = newCalendar(`On call: ${nameOf(options.people, personId)}`);
  for (const schedule of schedules) {
    for (const shift of shifts(schedule, options.from, options.to)) {
      if (shift.person === personId) addShift(calendar, schedule, shift, options);
    }
  }
  return calendar.toString();
}
