import { describe, expect, it } from 'vitest';
import { bundleCli } from './build-cli';

/**
 * Start-up budget (ADR 12): a command that only talks to the server must not load zod, the
 * OpenAPI extension, the server or the detection engine: each costs tens of milliseconds at every
 * start. This reads the bundle's metafile and follows each command chunk's static imports (a
 * dynamic import is paid only when taken).
 */
const HEAVY = /^(zod|@asteasolutions\/zod-to-openapi|@hono\/|hono|drizzle-orm|@electric-sql\/pglite|pg|pino)(\/|$)/;
/** Commands allowed to load a heavy module, and why. */
const ALLOWED_HEAVY = new Set([
  'serve', // runs the server
  'detect', // validates a config file and runs the detection engine
  'postmortem-input', // checks a factors, whys or impact file against the contract; loaded only by postmortem edit
]);

describe('CLI start-up imports', () => {
  it('loads nothing heavy for commands that only call the API', async () => {
    const { metafile } = await bundleCli();
    const outputs = metafile.outputs;
    const closure = (start: string): Set<string> => {
      const seen = new Set<string>();
      const external = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imported of outputs[file]?.imports ?? []) {
          if (imported.kind === 'dynamic-import') continue;
          if (imported.external) external.add(imported.path);
          else visit(imported.path);
        }
      };
      visit(start);
      return external;
    };
    const commandChunks = Object.entries(outputs).filter(
      ([file, output]) => file.endsWith('.js') && output.entryPoint?.includes('apps/cli/src/commands/'),
    );
    expect(commandChunks.length).toBeGreaterThan(10);
    const heavy: Record<string, string[]> = {};
    for (const [file, output] of commandChunks) {
      const command = /commands\/([\w-]+)\.ts$/.exec(output.entryPoint!)![1]!;
      const loaded = [...closure(file)].filter((path) => HEAVY.test(path));
      if (loaded.length > 0 && !ALLOWED_HEAVY.has(command)) heavy[command] = loaded.sort();
    }
    expect(heavy).toEqual({});
    const main = Object.keys(outputs).find((file) => outputs[file]!.entryPoint?.endsWith('apps/cli/src/main.ts'))!;
    expect([...closure(main)].filter((path) => HEAVY.test(path))).toEqual([]);
  });
});
