import { FirebreakApiError, FirebreakConnectionError } from '@firebreak/sdk';
import { describe, expect, it } from 'vitest';
import { CliError, ExitStatus, reportError, UsageError } from './errors';
import { memoryIo } from './io';

function report(error: unknown, json = false) {
  const io = memoryIo();
  const code = reportError(error, io, json);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const invalid = new FirebreakApiError({
  status: 400,
  code: 'validation_failed',
  message: 'severity: expected one of SEV1|SEV2; title: must not be empty',
  requestId: 'req-1',
  details: {
    issues: [
      { path: 'severity', message: 'expected one of SEV1|SEV2' },
      { path: 'title', message: 'must not be empty' },
    ],
  },
});

describe('reportError', () => {
  it('prints an API error, each issue on its own line, and the request id', () => {
    expect(report(invalid)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'error: severity: expected one of SEV1|SEV2; title: must not be empty',
        '  severity: expected one of SEV1|SEV2',
        '  title: must not be empty',
        '  (request req-1)',
        '',
      ].join('\n'),
    });
  });

  it('does not repeat a single issue the message already states', () => {
    const forbidden = new FirebreakApiError({
      status: 403,
      code: 'forbidden',
      message: 'role: a viewer token cannot make changes; this needs responder or admin',
      requestId: 'req-2',
      details: {
        issues: [{ path: 'role', message: 'a viewer token cannot make changes; this needs responder or admin' }],
      },
    });
    expect(report(forbidden).stderr).toBe(
      'error: role: a viewer token cannot make changes; this needs responder or admin\n  (request req-2)\n',
    );
  });

  it('prints the error body on stdout with --json', () => {
    const result = report(invalid, true);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: 'validation_failed', message: invalid.message, requestId: 'req-1', details: invalid.details },
    });
  });

  it('says how to start the server when it cannot be reached', () => {
    const error = new FirebreakConnectionError('http://127.0.0.1:9', new TypeError('fetch failed'));
    expect(report(error)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: cannot reach Firebreak at http://127.0.0.1:9: is the server running? Start it with: firebreak serve\n',
    });
  });

  it('uses the exit code a CLI error carries, listing compiler-style lines first', () => {
    expect(report(new UsageError('give --person or --vacate'))).toMatchObject({
      code: 2,
      stderr: 'error: give --person or --vacate\n',
    });
    const config = new CliError('f.yaml is not valid (1 problem)', {
      exitCode: 2,
      listing: ['f.yaml:3:5: systems[0].id: bad'],
    });
    expect(report(config).stderr).toBe('f.yaml:3:5: systems[0].id: bad\nerror: f.yaml is not valid (1 problem)\n');
  });

  it('prints nothing for a command that already reported its outcome', () => {
    expect(report(new ExitStatus(1))).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('never prints a stack trace for an unexpected error', () => {
    const result = report(new Error('boom'));
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'error: boom\n' });
  });
});
