import { rm } from 'node:fs/promises';
import type { Control } from '@firebreak/contract';
import { FirebreakClient, FirebreakControls } from '@firebreak/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { freshDataDir } from '../test/pglite-dir';
import { canaryCard, MODEL } from './fixtures';

const TOKEN = 'fbk_sdk_canary_abort';

/** Resolves with the first change of the model route that satisfies `test`. */
function routeChanged(controls: FirebreakControls, test: (control: Control) => boolean): Promise<Control> {
  return new Promise((resolve) => {
    const stop = controls.subscribe((control) => {
      if (control.key === MODEL && test(control)) {
        stop();
        resolve(control);
      }
    });
  });
}

// An app following the controls with the SDK: the runner's abort reaches it as any change does.
describe('an app during a canary that aborts', () => {
  let dataDir: string;
  let server: RunningServer;
  let controls: FirebreakControls;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-sdk-canary-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: TOKEN,
      logger: pino({ level: 'silent' }),
      canaryEveryMs: 50,
    });
    await new FirebreakClient({ baseUrl: server.url, token: TOKEN }).applySystems([canaryCard as never]);
    controls = new FirebreakControls({ baseUrl: server.url, token: TOKEN, systems: ['support-copilot'] });
  });
  afterAll(async () => {
    controls.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends users to the candidate while it runs, and back to the baseline alone once it aborts', async () => {
    const client = new FirebreakClient({ baseUrl: server.url, token: TOKEN });
    expect(await controls.ready(5000)).toBe(true);
    const onCanary = routeChanged(controls, (c) => c.state.kind === 'route' && c.state.canary?.version === 'm-13');
    await client.startCanary(MODEL, { version: 'm-13', signals: ['pii'], reason: 'new model' });
    expect((await onCanary).state).toMatchObject({ canary: { version: 'm-13', percent: 1 } });
    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const onCandidate = users.filter((user) => controls.version(MODEL, { user }) === 'm-13');
    expect(onCandidate.length).toBeGreaterThan(0);

    const aborted = routeChanged(controls, (c) => c.state.kind === 'route' && c.state.canary === null);
    const ts = new Date().toISOString();
    await client.sendTelemetry([
      ...Array.from({ length: 990 }, () => ({ system: 'support-copilot', ts, model: 'm-12' })),
      ...Array.from({ length: 10 }, (_, i) => ({
        system: 'support-copilot',
        ts,
        model: 'm-13',
        flags: { pii: i < 3 },
      })),
    ]);
    expect((await aborted).state).toMatchObject({ active: 'm-12', canary: null });
    expect(onCandidate.map((user) => controls.version(MODEL, { user }))).toEqual(onCandidate.map(() => 'm-12'));
  });
});
