import { TelemetryEvent, z } from '@firebreak/contract';
import { Ajv } from 'ajv';

/**
 * The hot path of ingest: a validator compiled (ajv) from the contract's own JSON Schema, about
 * ten times faster than zod. It only ever says yes; any event it doubts goes to zod, which has
 * the final word and the error messages. `agreement.test.ts` checks the two agree.
 *
 * Where JSON Schema and zod could differ, the fast path steps aside: string lengths are counted
 * in code points by ajv and in UTF-16 units by zod, so batches with characters outside the
 * Basic Multilingual Plane take the zod path; numbers too large for a double (1e400 parses to
 * Infinity) fail zod's finiteness check, so the fast path checks numbers are finite; and the
 * cross-field rules (a label needs id and label, a metric needs metric and value) are checked
 * here as in the contract.
 */
const schema = z.toJSONSchema(TelemetryEvent, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
delete schema.$schema;
const validate = new Ajv({ allErrors: false, useDefaults: true, validateFormats: false, strict: false }).compile(
  schema,
);

const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * True when the fast path may be used for this body text at all: not with surrogates (see
 * above), nor with an escaped NUL, which the contract refuses and JSON Schema cannot express.
 */
export function fastPathApplies(text: string): boolean {
  return !ASTRAL.test(text) && !text.includes('\\u0000');
}

/** True when the event is certainly valid (defaults applied in place); false means "ask zod". */
export function surelyValid(value: unknown): value is TelemetryEvent {
  if (!validate(value)) return false;
  const event = value as Record<string, unknown>;
  if (event.kind === 'label' && (event.id === undefined || event.label === undefined)) return false;
  if (
    (event.kind === 'metric' || event.kind === 'evaluation') &&
    (event.metric === undefined || event.value === undefined)
  )
    return false;
  return allFinite(event);
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  for (const inner of Object.values(value)) if (!allFinite(inner)) return false;
  return true;
}
