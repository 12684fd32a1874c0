import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

async function cli(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  const code = await run(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('firebreak worker', () => {
  it.each([
    [['--metrics-port', 'abc'], "option '--metrics-port <port>' argument 'abc' is invalid"],
    [['--metrics-port', '70000'], 'expected a whole number from 1 to 65535'],
    [['--metrics-port', '0'], 'expected a whole number from 1 to 65535'],
  ])('refuses worker %j before starting anything, naming the flag', async (args, message) => {
    const result = await cli(['worker', ...args, '--database-url', 'postgres://127.0.0.1:9/none']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--metrics-port');
  });

  it('refuses a bad FIREBREAK_METRICS_PORT, naming the variable', async () => {
    const result = await cli(['worker'], { DATABASE_URL: 'postgres://127.0.0.1:9/none', FIREBREAK_METRICS_PORT: '9x' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FIREBREAK_METRICS_PORT is "9x": expected a whole number from 1 to 65535');
  });

  it.each(['7', 'a week', '0d', '30m', '400d'])(
    'refuses FIREBREAK_NATS_MAX_AGE=%j before starting anything, naming the variable',
    async (value) => {
      const result = await cli(['worker'], {
        DATABASE_URL: 'postgres://127.0.0.1:9/none',
        FIREBREAK_NATS_MAX_AGE: value,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`FIREBREAK_NATS_MAX_AGE is "${value}": expected a duration from 1h to 365d`);
    },
  );

  it('documents the metrics port with an example in its help', async () => {
    const result = await cli(['worker', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--metrics-port <port>');
    expect(result.stdout).toContain(
      '$ firebreak worker --database-url postgres://127.0.0.1/firebreak --metrics-port 9464',
    );
  });
});
