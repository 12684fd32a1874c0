import {
  DomainError,
  durationMs,
  isDuration,
  parseIsoTimestamp,
  parseSeverity,
  type Severity,
  SYSTEM_ID_HINT,
  SYSTEM_ID_PATTERN,
} from '@firebreak/core';
import { InvalidArgumentError } from 'commander';

/**
 * Commander argument parsers that check what can be checked before calling the server, so a
 * typo under pressure fails at once, listing what is allowed.
 */

/** An enum value, case-insensitive; the error lists the allowed values. */
export function oneOf<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    const found = allowed.find((option) => option === value.trim().toLowerCase());
    if (found === undefined) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return found;
  };
}

/** SEV1..SEV4 or P0..P3, any case, as SEV1..SEV4. */
export function severity(value: string): Severity {
  try {
    return parseSeverity(value);
  } catch (error) {
    if (error instanceof DomainError)
      throw new InvalidArgumentError('expected one of SEV1, SEV2, SEV3, SEV4 (or P0, P1, P2, P3)');
    throw error;
  }
}

/** An ISO-8601 timestamp with an offset, returned as UTC ISO. */
export function isoTime(value: string): string {
  const parsed = parseIsoTimestamp(value.trim());
  if (parsed === undefined)
    throw new InvalidArgumentError('expected an ISO-8601 timestamp such as 2026-11-24T10:00:00Z');
  return parsed;
}

/** `INC-3`, `inc-3` or just `3`, as `INC-3`. */
export function incidentId(value: string): string {
  const match = /^(?:INC-)?([1-9][0-9]*)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected an incident id such as INC-3');
  return `INC-${match[1]}`;
}

/** `DRL-3`, `drl-3` or just `3`, as `DRL-3`. */
export function exerciseId(value: string): string {
  const match = /^(?:DRL-)?([1-9][0-9]*)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a drill id such as DRL-3');
  return `DRL-${match[1]}`;
}

/** A notification's id as `firebreak notify list` shows it: a whole number from 1. */
export function notificationId(value: string): number {
  const trimmed = value.trim();
  if (!/^[1-9][0-9]{0,15}$/.test(trimmed))
    throw new InvalidArgumentError('expected a notification id such as 12 (see: firebreak notify list INC-n)');
  return Number(trimmed);
}

/** A whole number within bounds. */
export function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return number;
  };
}

/** Splits `a,b` and appends to what earlier uses of a repeatable option collected. */
function collect<T>(parse: (item: string) => T): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map(parse),
  ];
}

/** One AI system id (`support-copilot`). */
export function systemId(value: string): string {
  if (!SYSTEM_ID_PATTERN.test(value))
    throw new InvalidArgumentError(`"${value}" is not a system id: ${SYSTEM_ID_HINT}`);
  return value;
}

/** Repeatable, comma-separated AI system ids (`--system a --system b,c`). */
export const systemIds = collect((item) => {
  if (!SYSTEM_ID_PATTERN.test(item)) throw new InvalidArgumentError(`"${item}" is not a system id: ${SYSTEM_ID_HINT}`);
  return item;
});

/** Evidence ids, repeatable and comma-separated, `ev-7` read as `EV-7`. */
export const evidenceIds = collect((item) => {
  const match = /^(?:EV-)?([1-9][0-9]*)$/i.exec(item);
  if (!match) throw new InvalidArgumentError(`"${item}" is not an evidence id: expected one such as EV-7`);
  return `EV-${match[1]}`;
});

/** A number within bounds (decimals allowed). */
export function number(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max)
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return parsed;
  };
}

/** A duration as people write it: 30s, 5m, 2h, 7d. */
export function duration(value: string): string {
  const trimmed = value.trim();
  if (!isDuration(trimmed) || durationMs(trimmed) <= 0)
    throw new InvalidArgumentError('expected a duration such as 30s, 5m, 2h or 7d');
  return trimmed;
}
