import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ACK_SECRET_MIN_BYTES,
  CHANNEL_KINDS,
  type ChannelConfig,
  type ChannelKind,
  EmailChannelConfig,
  HttpUrl,
  PagerDutyChannelConfig,
  SlackChannelConfig,
  TeamsChannelConfig,
  WebhookChannelConfig,
} from '@firebreak/channels';
import { Duration, durationMs, z } from '@firebreak/contract';
import { formatIssue, parseYamlFile } from '@firebreak/contract/yaml-file';
import { createFileOnce } from '../fs/create-once';

/** A channel's section without its `kind`: the key it sits under says which channel it is. */
const section = <S extends z.ZodType>(kind: ChannelKind, schema: S) =>
  z.preprocess((value) => (value !== null && typeof value === 'object' ? { kind, ...value } : value), schema);

/**
 * The server's channels file (`FIREBREAK_CHANNELS_FILE`, or `channels.yaml` in the data folder):
 * how each channel is reached, with its secrets. Kept apart from firebreak.yaml, which is in git
 * and names people and policies only (ADR 23).
 */
export const ChannelsFile = z
  .object({
    /** Where people reach this server: the base of war-room and acknowledge links. */
    publicUrl: HttpUrl.optional(),
    /** How long an acknowledge link in a notification works (24 hours unless set). */
    acknowledgeLinkTtl: Duration.default('24h'),
    email: section('email', EmailChannelConfig).optional(),
    slack: section('slack', SlackChannelConfig).optional(),
    teams: section('teams', TeamsChannelConfig).optional(),
    pagerduty: section('pagerduty', PagerDutyChannelConfig).optional(),
    webhook: section('webhook', WebhookChannelConfig).optional(),
  })
  .strict();
export type ChannelsFile = z.output<typeof ChannelsFile>;
export type ChannelsFileInput = z.input<typeof ChannelsFile>;

/** What delivery needs to know beyond the directory: the channels' means and where links point. */
export interface ChannelSettings {
  channels: Partial<Record<ChannelKind, ChannelConfig>>;
  /** The server's address as readers reach it, without a trailing slash. */
  publicUrl: string;
  /** Signs acknowledge links; at least 32 bytes, kept out of the database. */
  ackSecret: Uint8Array;
  ackLinkTtlSeconds: number;
}

/** The channels a settings object can deliver on, in the order the docs list them. */
export function configuredChannels(settings: ChannelSettings): ChannelKind[] {
  return CHANNEL_KINDS.filter((kind) => settings.channels[kind] !== undefined);
}

/**
 * Reads and checks a channels file, every mistake placed at file:line:column with its field
 * (`channels.yaml:7:14: slack.webhookUrl: expected an absolute http(s) URL`); one Error lists them all.
 */
export async function readChannelsFile(path: string): Promise<ChannelsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`cannot read the channels file ${path}: ${reason}`);
  }
  const result = parseYamlFile(ChannelsFile, text, path, 'expected channel sections such as email: or slack:');
  if (result.ok) return result.value;
  throw new Error(`the channels file is not valid:\n${result.issues.map(formatIssue).join('\n')}`);
}

/** Builds settings from a parsed channels file: the sections present are the channels configured. */
export function channelSettings(
  file: ChannelsFile,
  options: { publicUrl: string; ackSecret: Uint8Array },
): ChannelSettings {
  const channels: Partial<Record<ChannelKind, ChannelConfig>> = {};
  for (const kind of CHANNEL_KINDS) {
    const config = file[kind];
    if (config) channels[kind] = config as ChannelConfig;
  }
  return {
    channels,
    publicUrl: (file.publicUrl ?? options.publicUrl).replace(/\/+$/, ''),
    ackSecret: options.ackSecret,
    ackLinkTtlSeconds: Math.round(durationMs(file.acknowledgeLinkTtl) / 1000),
  };
}

/**
 * The secret acknowledge links are signed with: FIREBREAK_ACK_SECRET when set (at least 32
 * bytes), else `ack-secret` in the data folder, created on first start with mode 0600; with
 * neither, one in memory (links then die with the process, which the start-up log says).
 */
export function openAckSecret(options: {
  secret?: string | undefined;
  dataDir?: string | undefined;
  log?: (line: string) => void;
}): Uint8Array {
  if (options.secret) {
    const bytes = new TextEncoder().encode(options.secret);
    if (bytes.byteLength < ACK_SECRET_MIN_BYTES)
      throw new Error(`FIREBREAK_ACK_SECRET is too short: expected at least ${ACK_SECRET_MIN_BYTES} bytes`);
    return bytes;
  }
  if (!options.dataDir) {
    options.log?.('no data folder for the acknowledge-link secret: links are signed with a key kept in memory');
    return randomBytes(32);
  }
  const path = join(options.dataDir, 'ack-secret');
  // Replicas started together on one data folder agree on the first secret written.
  if (!existsSync(path)) createFileOnce(path, randomBytes(32).toString('base64url'));
  if ((statSync(path).mode & 0o077) !== 0)
    throw new Error(`the acknowledge-link secret at ${path} is readable by others: chmod 600 ${path}`);
  return new TextEncoder().encode(readFileSync(path, 'utf8').trim());
}

/** Where the channels file is: FIREBREAK_CHANNELS_FILE, else `channels.yaml` in the data folder if present. */
export function channelsFilePath(env: string | undefined, dataDir: string | undefined): string | undefined {
  if (env) return env;
  if (dataDir && existsSync(join(dataDir, 'channels.yaml'))) return join(dataDir, 'channels.yaml');
  return undefined;
}
