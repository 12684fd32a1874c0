import { FirebreakApiError, FirebreakConnectionError } from '@firebreak/sdk';
import { describe, expect, it } from 'vitest';
import { errorMessage, issueFor, isUnauthenticated, requestIdOf } from './api-error';

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
});
