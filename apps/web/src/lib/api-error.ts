import { FirebreakApiError, FirebreakConnectionError } from '@firebreak/sdk';

/**
 * What to tell a person about a failed call: the server's message (which names the field), or
 * that the server cannot be reached.
 *
 * @example
 * errorMessage(new FirebreakApiError({ status: 400, code: 'validation_failed', message: 'title: must not be empty' }));
 * // 'title: must not be empty'
 */
export function errorMessage(error: unknown): string {
  if (error instanceof FirebreakApiError) return error.message;
  if (error instanceof FirebreakConnectionError)
    return 'Cannot reach the Firebreak server. Check that it is running, then try again.';
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The request id to quote when reporting a server error. */
export function requestIdOf(error: unknown): string | undefined {
  return error instanceof FirebreakApiError ? error.requestId : undefined;
}

/**
 * The server's message about one field (`systems` also matches `systems[1]`), to show next to it.
 *
 * @example
 * issueFor(error, 'title'); // 'must not be empty'
 */
export function issueFor(error: unknown, field: string): string | undefined {
  if (!(error instanceof FirebreakApiError)) return undefined;
  const strip = (path: string) => path.replace(/^body\./, '');
  const issue = error.issues.find((candidate) => {
    const path = strip(candidate.path);
    return path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`);
  });
  return issue?.message;
}

/** True when the token was refused: the session is over. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof FirebreakApiError && error.status === 401;
}

/** How many times a failed read is tried again before its error shows. */
const READ_RETRIES = 2;

/**
 * Whether a failed read is worth trying again: only when the server could not be reached or
 * failed itself (5xx). A 4xx (not found, refused, invalid) will answer the same next time.
 *
 * @example
 * shouldRetry(0, new FirebreakApiError({ status: 404, code: 'not_found', message: 'no incident INC-9' })); // false
 */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (failures >= READ_RETRIES) return false;
  if (error instanceof FirebreakConnectionError) return true;
  return error instanceof FirebreakApiError && error.status >= 500;
}
