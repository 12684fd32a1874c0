import { readFileSync } from 'node:fs';
import {
  type Authenticator,
  type ConnectionOptions,
  credsAuthenticator,
  type TlsOptions,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
} from '@nats-io/transport-node';

/**
 * How Firebreak proves itself to NATS and checks the server, from the environment (ADR 42):
 * a user and password (FIREBREAK_NATS_USER and FIREBREAK_NATS_PASSWORD, or `nats://user:pass@host`
 * in the URL), a token (FIREBREAK_NATS_TOKEN) or a credentials file with a JWT and an NKey seed
 * (FIREBREAK_NATS_CREDS); TLS with a CA bundle (FIREBREAK_NATS_TLS_CA) and, for mutual TLS, a
 * client certificate and key (FIREBREAK_NATS_TLS_CERT, FIREBREAK_NATS_TLS_KEY). One way to
 * authenticate at a time; a `tls://` URL asks for TLS without a CA of its own.
 */
export interface NatsAuth {
  user?: string;
  password?: string;
  token?: string;
  /** The contents of a `.creds` file (read when the settings are read, so a bad path stops the start). */
  creds?: Uint8Array;
  /** Where the credentials came from, for messages. */
  credsFile?: string;
  tls?: TlsOptions;
}

export type NatsEnv = Record<string, string | undefined>;

/** The NATS authentication and TLS settings in `env`; a bad combination or an unreadable file throws, naming the variable. */
export function natsAuthFromEnv(env: NatsEnv): NatsAuth {
  const value = (name: string) => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const user = value('FIREBREAK_NATS_USER');
  const password = env.FIREBREAK_NATS_PASSWORD || undefined;
  const token = value('FIREBREAK_NATS_TOKEN');
  const credsFile = value('FIREBREAK_NATS_CREDS');
  if (password !== undefined && user === undefined)
    throw new Error('FIREBREAK_NATS_PASSWORD is set without FIREBREAK_NATS_USER: set both, or neither');
  const ways = [user && 'FIREBREAK_NATS_USER', token && 'FIREBREAK_NATS_TOKEN', credsFile && 'FIREBREAK_NATS_CREDS'];
  const chosen = ways.filter((way): way is string => typeof way === 'string');
  if (chosen.length > 1)
    throw new Error(`${chosen.join(' and ')} are both set: NATS takes one way to authenticate; keep one`);
  const auth: NatsAuth = {};
  if (user !== undefined) {
    auth.user = user;
    if (password !== undefined) auth.password = password;
  }
  if (token !== undefined) auth.token = token;
  if (credsFile !== undefined) {
    const creds = readSetting('FIREBREAK_NATS_CREDS', credsFile);
    if (!creds.includes('-----BEGIN NATS USER JWT-----') || !creds.includes('-----BEGIN USER NKEY SEED-----'))
      throw new Error(
        `FIREBREAK_NATS_CREDS is "${credsFile}": not a NATS credentials file (expected a user JWT and an NKey seed, as nsc writes them)`,
      );
    auth.creds = new TextEncoder().encode(creds);
    auth.credsFile = credsFile;
  }
  const ca = value('FIREBREAK_NATS_TLS_CA');
  const cert = value('FIREBREAK_NATS_TLS_CERT');
  const key = value('FIREBREAK_NATS_TLS_KEY');
  if ((cert === undefined) !== (key === undefined))
    throw new Error(
      `${cert ? 'FIREBREAK_NATS_TLS_CERT' : 'FIREBREAK_NATS_TLS_KEY'} is set without ${cert ? 'FIREBREAK_NATS_TLS_KEY' : 'FIREBREAK_NATS_TLS_CERT'}: a client certificate needs its key`,
    );
  if (ca !== undefined || cert !== undefined) {
    const tls: TlsOptions = {};
    if (ca !== undefined) tls.ca = readSetting('FIREBREAK_NATS_TLS_CA', ca);
    if (cert !== undefined && key !== undefined) {
      tls.cert = readSetting('FIREBREAK_NATS_TLS_CERT', cert);
      tls.key = readSetting('FIREBREAK_NATS_TLS_KEY', key);
    }
    auth.tls = tls;
  }
  return auth;
}

function readSetting(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `${name} is "${path}": cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/**
 * Connection options for the comma-separated `url`: credentials written into a URL are taken out
 * of it (nats.js does not read them there) and sent the way the server asks; a `tls://` URL or a
 * CA asks for TLS.
 */
export function natsConnectionOptions(url: string, name: string, auth: NatsAuth): ConnectionOptions {
  let fromUrl: UrlCredentials | undefined;
  let wantsTls = false;
  const servers = url
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '')
    .map((server) => {
      const match = /^([a-z]+:\/\/)?([^@/]*)@(.*)$/i.exec(server);
      if ((match?.[1] ?? server.slice(0, 6)).toLowerCase().startsWith('tls://')) wantsTls = true;
      if (!match) return server;
      const [, scheme = '', credentials = '', rest = ''] = match;
      const colon = credentials.indexOf(':');
      // `nats://token@host` is how NATS writes a token in a URL; `user:password@` a user.
      const found: UrlCredentials =
        colon < 0
          ? { token: decodeURIComponent(credentials) }
          : {
              user: decodeURIComponent(credentials.slice(0, colon)),
              password: decodeURIComponent(credentials.slice(colon + 1)),
            };
      if (fromUrl && JSON.stringify(fromUrl) !== JSON.stringify(found))
        throw new Error('FIREBREAK_NATS_URL names different credentials for different servers; give one');
      fromUrl = found;
      return `${scheme}${rest}`;
    });
  if (servers.length === 0)
    throw new Error('FIREBREAK_NATS_URL is empty: expected a URL such as nats://127.0.0.1:4222');
  if (fromUrl && (auth.user !== undefined || auth.token !== undefined || auth.creds !== undefined))
    throw new Error(
      'FIREBREAK_NATS_URL carries a user and FIREBREAK_NATS_USER, _TOKEN or _CREDS is set too: give the credentials one way',
    );
  const authenticator = authenticatorOf(fromUrl ?? auth);
  const tls = auth.tls ?? (wantsTls ? {} : undefined);
  return {
    servers,
    name,
    ...(authenticator ? { authenticator } : {}),
    ...(tls ? { tls } : {}),
  };
}

function authenticatorOf(auth: NatsAuth): Authenticator | undefined {
  if (auth.creds) return credsAuthenticator(auth.creds);
  if (auth.token !== undefined) return tokenAuthenticator(auth.token);
  if (auth.user !== undefined) return usernamePasswordAuthenticator(auth.user, auth.password);
  return undefined;
}

type UrlCredentials = { user: string; password: string } | { token: string };

/** `url` with whatever credentials it carries (a password, or a token) replaced, for logs and error messages. */
export function redactNatsUrl(url: string): string {
  return url
    .split(',')
    .map((server) =>
      server.replace(/^(\s*(?:[a-z]+:\/\/)?)([^@/]*)@/i, (_all, head: string, credentials: string) => {
        const colon = credentials.indexOf(':');
        return `${head}${colon < 0 ? '***' : `${credentials.slice(0, colon)}:***`}@`;
      }),
    )
    .join(',');
}

/**
 * A connection error in words a reader can act on: a refused login names the settings that
 * carry credentials; anything else keeps NATS's own message.
 */
export function natsConnectError(url: string, error: unknown): string {
  const message = (error as Error).message ?? String(error);
  if (/authori[sz]ation violation|authentication/i.test(message))
    return `NATS at ${redactNatsUrl(url)} refused the login (${message}): check ${
      /@/.test(url)
        ? 'the credentials in FIREBREAK_NATS_URL'
        : 'FIREBREAK_NATS_USER and FIREBREAK_NATS_PASSWORD, FIREBREAK_NATS_TOKEN or FIREBREAK_NATS_CREDS'
    }`;
  return `cannot reach NATS at ${redactNatsUrl(url)} (FIREBREAK_NATS_URL): ${message}`;
}
