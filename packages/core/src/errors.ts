/**
 * The closed set of error codes a Firebreak operation can fail with.
 * Codes carry no HTTP meaning; the server maps them to status codes in one place.
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_body',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid_transition',
  'conflict',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of an input, with the path to it (`body.severity`, `systems[1].owner`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface DomainErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The one error type domain code throws.
 *
 * @example
 * throw new DomainError('not_found', 'incident INC-9 not found', { details: { id: 'INC-9' } });
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
  }
}

/** True when `error` is a DomainError, optionally with the given code. */
export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

/**
 * A `validation_failed` error about one field, its message naming the field.
 *
 * @example
 * throw invalid('onsetAt', 'must not be after detectedAt');
 */
export function invalid(path: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('validation_failed', `${path}: ${message}`, {
    details: { ...details, issues: [{ path, message }] },
  });
}
