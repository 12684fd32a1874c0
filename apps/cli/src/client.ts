import { FirebreakClient } from '@firebreak/sdk';
import type { Command } from 'commander';
import { CliError } from './errors';
import type { CliIo } from './io';

export const DEFAULT_URL = 'http://127.0.0.1:7311';

interface GlobalOptions {
  url?: string;
  token?: string;
}

/** The server URL: `--url`, else FIREBREAK_URL, else the local default. */
export function serverUrl(cmd: Command, io: CliIo): string {
  const options = cmd.optsWithGlobals<GlobalOptions>();
  return options.url ?? io.env.FIREBREAK_URL ?? DEFAULT_URL;
}

/**
 * A client for the server the command talks to, with the token from `--token` or
 * FIREBREAK_TOKEN. Every API route but health needs a token, so its absence is caught here.
 */
export function clientFor(cmd: Command, io: CliIo): FirebreakClient {
  const options = cmd.optsWithGlobals<GlobalOptions>();
  const token = options.token ?? io.env.FIREBREAK_TOKEN;
  if (!token) {
    throw new CliError(
      'no API token: set FIREBREAK_TOKEN or pass --token (the server printed an admin token on first start)',
      {
        code: 'no_token',
      },
    );
  }
  return new FirebreakClient({ baseUrl: serverUrl(cmd, io), token });
}
