import { durationMs, isDuration, SYSTEM_ID_HINT, SYSTEM_ID_PATTERN } from '@firebreak/core';
import { checkText } from './text';
import { z } from './zod';

/** A UTC ISO-8601 timestamp with an offset (`2026-11-24T10:00:00.000Z`). */
export const Timestamp = z.iso
  .datetime({ offset: true, message: 'expected an ISO-8601 timestamp such as 2026-11-24T10:00:00Z' })
  .transform((value) => new Date(value).toISOString())
  .openapi({ type: 'string', format: 'date-time', example: '2026-11-24T10:00:00.000Z' });

/** The ISO-8601 timestamp the server sends back, always UTC with milliseconds. */
export const TimestampOut = z.string().openapi({ format: 'date-time', example: '2026-11-24T10:00:00.000Z' });

export const IncidentId = z
  .string()
  .regex(/^INC-[1-9][0-9]*$/, 'expected an incident id such as INC-42')
  .openapi({ example: 'INC-42' });

/** AI system ids are slugs: lower-case letters, digits, `-`, `_` and `.`. */
export const SystemId = z.string().regex(SYSTEM_ID_PATTERN, SYSTEM_ID_HINT).openapi({ example: 'support-copilot' });

/** Free text a person types: trimmed, not empty, bounded. */
export const Text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`).superRefine(checkText);

export const Person = Text(120).openapi({ example: 'Dana Reyes' });

export const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (a SHA-256 digest)')
  .openapi({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });

export const Url = z.url({ message: 'expected an absolute URL' }).max(2000);

/**
 * A duration as people write it: `30s`, `5m`, `1h`, `7d`. Kept as written (so a stored card
 * reads back as it was applied); `durationMs` turns it into milliseconds.
 */
export const Duration = z
  .string()
  .refine(isDuration, 'expected a duration such as 30s, 5m, 1h or 7d')
  .refine((value) => !isDuration(value) || durationMs(value) > 0, 'must be longer than zero')
  .openapi({ example: '5m' });

export { durationMs };

/** A POST that carries nothing: the body must be `{}`. */
export const EmptyRequest = z.object({}).strict();

/** A Server-Sent Events stream, as documented: its events are described by the route. */
export const EventStream = z.string();

/** `GET /health`: answers without a token, for load balancers and `firebreak doctor`. */
export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  store: z.enum(['pglite', 'postgres']),
});
export type Health = z.infer<typeof Health>;
