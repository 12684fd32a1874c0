import { rm } from 'node:fs/promises';
import { FirebreakClient, FirebreakProvider } from '@firebreak/sdk';
import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { freshDataDir } from '../test/pglite-dir';
import { copilotCard } from './fixtures';

const TOKEN = 'fbk_openfeature_test';

// The provider through the real OpenFeature SDK, against a running server.
describe('the OpenFeature provider', () => {
  let server: RunningServer;
  let dataDir: string;
  let client: FirebreakClient;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-openfeature-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: TOKEN,
      logger: pino({ level: 'silent' }),
    });
    client = new FirebreakClient({ baseUrl: server.url, token: TOKEN });
    await client.applySystems([copilotCard as never]);
    await OpenFeature.setProviderAndWait(
      new FirebreakProvider({ baseUrl: server.url, token: TOKEN, systems: ['support-copilot'], minBackoffMs: 20 }),
    );
  });
  afterAll(async () => {
    await OpenFeature.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads a kill switch as a boolean flag, and hears it flip as a configuration change', async () => {
    const flags = OpenFeature.getClient();
    expect(await flags.getBooleanDetails('support-copilot.auto-send', false)).toMatchObject({
      value: true,
      variant: 'on',
      reason: 'STATIC',
    });
    const changed = new Promise<string[]>((resolve) =>
      flags.addHandler(ProviderEvents.ConfigurationChanged, (details) => resolve(details?.flagsChanged ?? [])),
    );
    await client.changeControl('support-copilot.auto-send', { enabled: false, reason: 'PII leak' });
    expect(await changed).toEqual(['support-copilot.auto-send']);
    // The caller's default (true) must not win over the kill.
    expect(await flags.getBooleanValue('support-copilot.auto-send', true)).toBe(false);
  });

  it('fails a kill switch it has never heard of closed, explicitly, not with the caller’s default', async () => {
    const details = await OpenFeature.getClient().getBooleanDetails('support-copilot.not-declared', true);
    expect(details).toMatchObject({ value: false, reason: 'DEFAULT', variant: 'off' });
    expect(details.errorCode).toBeUndefined();
  });

  it('answers a flag of another system with the caller’s default and FLAG_NOT_FOUND', async () => {
    expect(await OpenFeature.getClient().getBooleanDetails('billing.new-ui', true)).toMatchObject({
      value: true,
      errorCode: 'FLAG_NOT_FOUND',
    });
  });

  it('reads a route as a string flag, with the canary sticky to the targeting key', async () => {
    await client.changeControl('support-copilot.model', { active: 'm-11', reason: 'retreat' });
    await client.changeControl('support-copilot.model', {
      canary: { version: 'm-12', percent: 50, stickyBy: 'user' },
      reason: 'try m-12 on half',
    });
    const flags = OpenFeature.getClient();
    // Wait until the change has reached the provider (it arrives over the stream).
    while (!((await flags.getObjectValue('support-copilot.model', {})) as { canary?: unknown }).canary)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const versions = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        flags.getStringValue('support-copilot.model', 'none', { targetingKey: `user-${i}` }),
      ),
    );
    expect(new Set(versions)).toEqual(new Set(['m-11', 'm-12']));
    const again = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        flags.getStringValue('support-copilot.model', 'none', { targetingKey: `user-${i}` }),
      ),
    );
    expect(again).toEqual(versions);
    expect(await flags.getStringValue('support-copilot.filter', 'off')).toBe('standard');
    expect(await flags.getObjectValue('support-copilot.rate', {})).toEqual({ kind: 'throttle', limit: null });
  });

  it('refuses to read a route as a boolean', async () => {
    expect(await OpenFeature.getClient().getBooleanDetails('support-copilot.model', true)).toMatchObject({
      value: true,
      errorCode: 'TYPE_MISMATCH',
    });
  });
});
