import { DomainError } from './errors';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** P0..P3 are accepted everywhere a severity is, and mean SEV1..SEV4. */
export const SEVERITY_ALIASES = { P0: 'SEV1', P1: 'SEV2', P2: 'SEV3', P3: 'SEV4' } as const;
export type SeverityAlias = keyof typeof SEVERITY_ALIASES;
export const SEVERITY_INPUTS = [...SEVERITIES, ...(Object.keys(SEVERITY_ALIASES) as SeverityAlias[])] as const;

export interface SeverityInfo {
  /** Minutes from declaration (or the last severity change) to a required acknowledgement. */
  responseMinutes: number;
  /** Target minutes from declaration (or the last severity change) to containment (docs/adr/0006). */
  containMinutes: number;
  /** When to use this severity, as a responder reads it under pressure. */
  description: string;
}

export const SEVERITY_INFO: Record<Severity, SeverityInfo> = {
  SEV1: {
    responseMinutes: 15,
    containMinutes: 60,
    description: 'Safety violation, legal exposure, PII leak, or complete failure of the AI system.',
  },
  SEV2: {
    responseMinutes: 60,
    containMinutes: 240,
    description: 'Material harm, an error spike of 30% or more, or biased output in a high-stakes decision.',
  },
  SEV3: {
    responseMinutes: 240,
    containMinutes: 1440,
    description: 'Quality drop of 10% or more, or harm limited to a subset of users.',
  },
  SEV4: {
    responseMinutes: 1440,
    containMinutes: 4320,
    description: 'Edge case or a single complaint.',
  },
};

/**
 * Reads a severity or its P-alias, case-insensitively.
 *
 * @example
 * parseSeverity('p0'); // 'SEV1'
 */
export function parseSeverity(input: string): Severity {
  const upper = input.trim().toUpperCase();
  if ((SEVERITIES as readonly string[]).includes(upper)) return upper as Severity;
  if (upper in SEVERITY_ALIASES) return SEVERITY_ALIASES[upper as SeverityAlias];
  throw new DomainError('validation_failed', `severity: "${input}" is not one of SEV1, SEV2, SEV3, SEV4 (or P0..P3)`, {
    details: { issues: [{ path: 'severity', message: 'expected SEV1..SEV4 or P0..P3' }] },
  });
}

/** SEV1 is the most severe; a positive result means `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(b) - SEVERITIES.indexOf(a);
}

/** The acknowledgement deadline for a severity set at `since` (ISO-8601). */
export function responseDeadline(severity: Severity, since: string): string {
  return new Date(Date.parse(since) + SEVERITY_INFO[severity].responseMinutes * 60_000).toISOString();
}

/** The containment target for a severity set at `since` (ISO-8601). */
export function containDeadline(severity: Severity, since: string): string {
  return new Date(Date.parse(since) + SEVERITY_INFO[severity].containMinutes * 60_000).toISOString();
}
