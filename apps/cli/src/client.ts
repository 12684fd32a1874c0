import type {
  Action,
  ActionList,
  AddActionRequest,
  CloseCheck,
  CloseWaiverRequest,
  DraftPostmortemRequest,
  EditPostmortemRequest,
  EditSectionRequest,
  Incident,
  IsolatedRequest,
  KeyMomentRequest,
  LintRequest,
  LintResult,
  Postmortem,
  PostmortemList,
  PostmortemTransitionRequest,
  RelatedIncidents,
  ResidualRiskRequest,
  UpdateActionRequest,
  VerificationResult,
  VerifyActionResponse,
  z,
} from '@firebreak/contract';
import { apiErrorFrom, FirebreakClient, FirebreakConnectionError } from '@firebreak/sdk';
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

/** The token from `--token` or FIREBREAK_TOKEN; every API route but health needs one. */
export function tokenFor(cmd: Command, io: CliIo): string {
  const token = cmd.optsWithGlobals<GlobalOptions>().token ?? io.env.FIREBREAK_TOKEN;
  if (!token) {
    throw new CliError(
      'no API token: set FIREBREAK_TOKEN or pass --token (the server printed an admin token on first start)',
      {
        code: 'no_token',
      },
    );
  }
  return token;
}

/**
 * A client for the server the command talks to, with the token from `--token` or
 * FIREBREAK_TOKEN. Every API route but health needs a token, so its absence is caught here.
 */
export function clientFor(cmd: Command, io: CliIo): FirebreakClient {
  return new FirebreakClient({ baseUrl: serverUrl(cmd, io), token: tokenFor(cmd, io) });
}

type In<T extends z.ZodType> = z.input<T>;
const API = '/api/v1';
const enc = encodeURIComponent;

/** An exported document: its media type and bytes (a PDF is binary). */
export interface ExportedDocument {
  contentType: string;
  bytes: Uint8Array;
}

/**
 * The postmortem, action and close-gate routes of issue 12 (docs/postmortems.md), through the
 * SDK's generic request until the SDK has typed methods for them.
 *
 * @example
 * const postmortem = await learningFor(cmd, io).draftPostmortem('INC-2', { owner: 'dana-reyes' });
 */
export class LearningApi {
  constructor(
    private readonly client: FirebreakClient,
    private readonly token: string,
  ) {}

  draftPostmortem(id: string, body: In<typeof DraftPostmortemRequest>): Promise<Postmortem> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/postmortem`, body);
  }
  postmortem(id: string): Promise<Postmortem> {
    return this.client.request('GET', `${API}/incidents/${enc(id)}/postmortem`);
  }
  editPostmortem(id: string, body: In<typeof EditPostmortemRequest>): Promise<Postmortem> {
    return this.client.request('PATCH', `${API}/incidents/${enc(id)}/postmortem`, body);
  }
  editSection(id: string, section: string, body: In<typeof EditSectionRequest>): Promise<Postmortem> {
    return this.client.request('PUT', `${API}/incidents/${enc(id)}/postmortem/sections/${enc(section)}`, body);
  }
  regenerateSection(id: string, section: string, body: { reason?: string }): Promise<Postmortem> {
    return this.client.request(
      'POST',
      `${API}/incidents/${enc(id)}/postmortem/sections/${enc(section)}/regenerate`,
      body,
    );
  }
  transitionPostmortem(id: string, body: In<typeof PostmortemTransitionRequest>): Promise<Postmortem> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/postmortem/status`, body);
  }
  lint(body: In<typeof LintRequest>): Promise<LintResult> {
    return this.client.request('POST', `${API}/postmortems/lint`, body);
  }
  listPostmortems(query: { status?: string; owner?: string; overdue?: boolean }): Promise<PostmortemList> {
    return this.client.request('GET', `${API}/postmortems`, undefined, query);
  }

  /** The document as the server renders it; binary-safe, so a PDF arrives as its bytes. */
  exportPostmortem(id: string, query: { format: string; timeline: string }): Promise<ExportedDocument> {
    return this.download(`${API}/incidents/${enc(id)}/postmortem/export`, query);
  }

  /** A system's response plan as the server renders it (md, html, pdf or json), binary-safe. */
  exportPlan(system: string, format: string): Promise<ExportedDocument> {
    return this.download(`${API}/systems/${enc(system)}/plan`, { format });
  }

  private async download(path: string, query: Record<string, string>): Promise<ExportedDocument> {
    const url = new URL(`${this.client.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${this.token}` } });
    } catch (cause) {
      throw new FirebreakConnectionError(this.client.baseUrl, cause);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!response.ok) throw apiErrorFrom(response, new TextDecoder().decode(bytes));
    return { contentType: response.headers.get('content-type') ?? '', bytes };
  }

  markKey(id: string, seq: number, body: In<typeof KeyMomentRequest>): Promise<{ seq: number; key: boolean }> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/timeline/${seq}/key`, body);
  }
  isolated(id: string, body: In<typeof IsolatedRequest>): Promise<Incident> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/isolated`, body);
  }
  acceptRisk(id: string, body: In<typeof ResidualRiskRequest>): Promise<CloseCheck> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/residual-risk`, body);
  }
  waive(id: string, body: In<typeof CloseWaiverRequest>): Promise<CloseCheck> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/close-waiver`, body);
  }
  closeCheck(id: string): Promise<CloseCheck> {
    return this.client.request('GET', `${API}/incidents/${enc(id)}/close-check`);
  }
  related(id: string): Promise<RelatedIncidents> {
    return this.client.request('GET', `${API}/incidents/${enc(id)}/related`);
  }

  addAction(id: string, body: In<typeof AddActionRequest>): Promise<Action> {
    return this.client.request('POST', `${API}/incidents/${enc(id)}/actions`, body);
  }
  listActions(query: Record<string, string | number | boolean | undefined>): Promise<ActionList> {
    return this.client.request('GET', `${API}/actions`, undefined, query);
  }
  action(id: string): Promise<Action> {
    return this.client.request('GET', `${API}/actions/${enc(id)}`);
  }
  updateAction(id: string, body: In<typeof UpdateActionRequest>): Promise<Action> {
    return this.client.request('PATCH', `${API}/actions/${enc(id)}`, body);
  }
  verifyAction(id: string, body: { note?: string }): Promise<VerifyActionResponse> {
    return this.client.request('POST', `${API}/actions/${enc(id)}/verify`, body);
  }
  verifications(id: string): Promise<{ verifications: VerificationResult[] }> {
    return this.client.request('GET', `${API}/actions/${enc(id)}/verifications`);
  }
  closeAction(id: string, body: { reason?: string }): Promise<Action> {
    return this.client.request('POST', `${API}/actions/${enc(id)}/close`, body);
  }
}

/** The learning routes of the server the command talks to. */
export function learningFor(cmd: Command, io: CliIo): LearningApi {
  const token = tokenFor(cmd, io);
  return new LearningApi(new FirebreakClient({ baseUrl: serverUrl(cmd, io), token }), token);
}
