import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSettings, configuredChannels, openAckSecret, readChannelsFile } from './channel-settings';

describe('the channels file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firebreak-channels-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const write = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it('reads each section as its channel, the key saying which', async () => {
    const path = await write(
      'ok.yaml',
      [
        'publicUrl: https://firebreak.example.com/',
        'email: { host: smtp.example.com, from: "Firebreak <fb@example.com>" }',
        'slack: { webhookUrl: "https://hooks.slack.com/services/T0/B0/X" }',
        '',
      ].join('\n'),
    );
    const settings = channelSettings(await readChannelsFile(path), { publicUrl: '', ackSecret: new Uint8Array(32) });
    expect(configuredChannels(settings)).toEqual(['email', 'slack']);
    expect(settings.publicUrl).toBe('https://firebreak.example.com');
    expect(settings.channels.email).toMatchObject({ kind: 'email', port: 587 });
    expect(settings.ackLinkTtlSeconds).toBe(86_400);
  });

  it.each([
    [
      'a channel without its URL',
      'slack: {}\n',
      /:1:8: slack\.webhookUrl: give exactly one of webhookUrl and botToken/,
    ],
    [
      'a URL that is not http(s)',
      'teams:\n  webhookUrl: "javascript:alert(1)"\n',
      /:2:15: teams\.webhookUrl: expected an absolute http\(s\) URL/,
    ],
    ['an unknown channel', 'email: { host: h, from: f@example.com }\nsms: {}\n', /:2:1: sms: unknown field/],
    [
      'a weak webhook secret',
      'webhook: { url: "https://x.example", secret: hunter2 }\n',
      /:1:46: webhook\.secret: expected whsec_/,
    ],
  ])('refuses %s with file, line, column and field', async (_, text, expected) => {
    const path = await write('bad.yaml', text);
    await expect(readChannelsFile(path)).rejects.toThrow(expected);
  });

  it('reads the example in examples/channels.yaml, every channel configured', async () => {
    const example = new URL('../../../../examples/channels.yaml', import.meta.url).pathname;
    const settings = channelSettings(await readChannelsFile(example), { publicUrl: '', ackSecret: new Uint8Array(32) });
    expect(configuredChannels(settings)).toEqual(['email', 'slack', 'teams', 'pagerduty', 'webhook']);
  });

  it('says when the file is missing', async () => {
    await expect(readChannelsFile(join(dir, 'nope.yaml'))).rejects.toThrow(
      /cannot read the channels file .*nope\.yaml: no such file/,
    );
  });
});

describe('the acknowledge-link secret', () => {
  it('is created once in the data folder, private, and read back the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-ack-'));
    try {
      const first = openAckSecret({ dataDir: dir });
      expect(openAckSecret({ dataDir: dir })).toEqual(first);
      expect(first.byteLength).toBeGreaterThanOrEqual(32);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a short secret from the environment, naming it', () => {
    expect(() => openAckSecret({ secret: 'short' })).toThrow('FIREBREAK_ACK_SECRET is too short');
  });
});
