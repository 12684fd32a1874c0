import { FirebreakApiError, FirebreakConnectionError } from '@firebreak/sdk';
import { describe, expect, it } from 'vitest';
import { errorMessage, issueFor, isUnauthenticated, requestIdOf, shouldRetry } from './api-error';

const invalid = new FirebreakApiError({
  status: 400,
  code: 'validation_failed',
  message: 'severity: expected SEV1..SEV4; systems[0]: expected a slug',
  requestId: 'req-1',
  details: {
    issues: [
      { path: 'severity', message: 'expected SEV1..SEV4' },
      { path: 'body.systems[0]', message: 'expected a slug' },
    ],
  },
});

describe('api errors', () => {
  it('shows the server message, which names the field', () => {
    expect(errorMessage(invalid)).toBe('severity: expected SEV1..SEV4; systems[0]: expected a slug');
    expect(requestIdOf(invalid)).toBe('req-1');
  });

  it('finds the issue for one field', () => {
    expect(issueFor(invalid, 'severity')).toBe('expected SEV1..SEV4');
    expect(issueFor(invalid, 'systems')).toBe('expected a slug');
    expect(issueFor(invalid, 'title')).toBeUndefined();
    expect(issueFor(new Error('x'), 'title')).toBeUndefined();
  });

  it('says plainly when the server is unreachable', () => {
    expect(errorMessage(new FirebreakConnectionError('http://x', new TypeError('fetch failed')))).toMatch(
      /^Cannot reach the Firebreak server/,
    );
  });

  it('knows a refused token', () => {
    expect(isUnauthenticated(new FirebreakApiError({ status: 401, code: 'unauthenticated', message: 'no' }))).toBe(
      true,
    );
    expect(isUnauthenticated(invalid)).toBe(false);
  });

  it.each([
    ['a 404', new FirebreakApiError({ status: 404, code: 'not_found', message: 'no incident INC-9' }), 0, false],
    ['a refused token', new FirebreakApiError({ status: 401, code: 'unauthenticated', message: 'no' }), 0, false],
    ['an invalid request', invalid, 0, false],
    ['a server error', new FirebreakApiError({ status: 503, code: 'internal', message: 'down' }), 0, true],
    ['a server error, twice already', new FirebreakApiError({ status: 500, code: 'internal', message: 'x' }), 2, false],
    ['an unreachable server', new FirebreakConnectionError('http://x', new Error('ECONNREFUSED')), 1, true],
  ])('retries a read after %s only when it may answer differently', (_what, error, failures, expected) => {
    expect(shouldRetry(failures, error)).toBe(expected);
  });
});
