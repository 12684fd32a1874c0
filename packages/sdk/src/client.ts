import type {
  AcknowledgeRequest,
  AiSystem,
  Alert,
  ApiToken,
  ApplySystemsResponse,
  Approval,
  AssignRoleRequest,
  ChangeControlInput,
  ChangeControlResponse,
  ChangeSeverityRequest,
  ChangeTypeRequest,
  Control,
  ControlChange,
  CreatedToken,
  CreateTokenRequest,
  Decision,
  DecisionRequest,
  DeclareIncidentRequest,
  EditIncidentRequest,
  Evidence,
  EvidenceRequest,
  Incident,
  IncidentList,
  IncidentType,
  ReviewDecisionRequest,
  ReviewItem,
  ReviewStats,
  SeverityInput,
  Status,
  StatusUpdate,
  StatusUpdateRequest,
  SubmitReviewRequest,
  SystemCardInput,
  TelemetryEventInput,
  TelemetryIngestResult,
  TimelineEntry,
  TimelineVerification,
  TransitionRequest,
  TriageProposal,
  TriageRule,
  TriageRuleInput,
  WhoAmI,
  z,
} from '@firebreak/contract';
import { FirebreakApiError, FirebreakConnectionError } from './errors';
import { type SubscribeOptions, type Subscription, subscribe } from './subscribe';

type In<T extends z.ZodType> = z.input<T>;
type Query = Record<string, string | number | boolean | undefined>;

export interface IncidentFilter {
  status?: z.infer<typeof Status>;
  /** SEV1..SEV4 or P0..P3. */
  severity?: z.input<typeof SeverityInput>;
  type?: z.infer<typeof IncidentType>;
  system?: string;
  open?: boolean;
  nearMiss?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface IncidentDetail extends Incident {
  roleHistory: Array<{
    role: string;
    person: string;
    since: string;
    until: string | null;
    assignedBy: string;
    relievedBy: string | null;
  }>;
  decisions: Decision[];
  evidence: Evidence[];
  statusUpdates: StatusUpdate[];
  /** Each triage rule applied to the incident: its required actions (by when) and whom to notify. */
  rulesApplied?: Array<{
    rule: string;
    description: string | null;
    appliedAt: string;
    actions: Array<{ action: string; role: string | null; due: string }>;
    notify: string[];
  }>;
  /** The incident this one was merged into as a duplicate. */
  mergedInto?: string | null;
  /** Incidents merged into this one as duplicates. */
  duplicates?: string[];
}

export interface FirebreakClientOptions {
  /** Where the server is, e.g. `http://127.0.0.1:7311`. */
  baseUrl: string;
  /** An API token (`FIREBREAK_TOKEN`). */
  token?: string;
  /** Injected for tests and for runtimes without a global fetch. */
  fetch?: typeof fetch;
}

/**
 * Typed client for the Firebreak HTTP API, used by the CLI, the web UI and scripts.
 *
 * @example
 * const client = new FirebreakClient({ baseUrl: 'http://127.0.0.1:7311', token: process.env.FIREBREAK_TOKEN });
 * const incident = await client.declareIncident({ title: 'PII in answers', type: 'privacy_leak', severity: 'SEV1', systems: ['support-copilot'] });
 */
export class FirebreakClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: FirebreakClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  health(): Promise<{ status: string; version: string; store: string }> {
    return this.request('GET', '/api/v1/health');
  }
  whoami(): Promise<WhoAmI> {
    return this.request('GET', '/api/v1/whoami');
  }

  declareIncident(body: In<typeof DeclareIncidentRequest>): Promise<Incident> {
    return this.request('POST', '/api/v1/incidents', body);
  }
  listIncidents(filter: IncidentFilter = {}): Promise<IncidentList> {
    return this.request('GET', '/api/v1/incidents', undefined, filter as Query);
  }
  getIncident(id: string): Promise<IncidentDetail> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}`);
  }
  editIncident(id: string, body: In<typeof EditIncidentRequest>): Promise<Incident> {
    return this.request('PATCH', `/api/v1/incidents/${enc(id)}`, body);
  }
  acknowledge(id: string, body: In<typeof AcknowledgeRequest> = {}): Promise<Incident> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/acknowledge`, body);
  }
  transition(id: string, body: In<typeof TransitionRequest>): Promise<Incident> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/transition`, body);
  }
  changeSeverity(id: string, body: In<typeof ChangeSeverityRequest>): Promise<Incident> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/severity`, body);
  }
  changeType(id: string, body: In<typeof ChangeTypeRequest>): Promise<Incident> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/type`, body);
  }
  assignRole(id: string, body: In<typeof AssignRoleRequest>): Promise<Incident> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/roles`, body);
  }
  logDecision(id: string, body: In<typeof DecisionRequest>): Promise<Decision> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/decisions`, body);
  }
  listDecisions(id: string): Promise<{ decisions: Decision[] }> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/decisions`);
  }
  addEvidence(id: string, body: In<typeof EvidenceRequest>): Promise<Evidence> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/evidence`, body);
  }
  listEvidence(id: string): Promise<{ evidence: Evidence[] }> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/evidence`);
  }
  postStatusUpdate(id: string, body: In<typeof StatusUpdateRequest>): Promise<StatusUpdate> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/status-updates`, body);
  }
  listStatusUpdates(id: string): Promise<{ statusUpdates: StatusUpdate[] }> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/status-updates`);
  }
  timeline(id: string): Promise<{ incidentId: string; entries: TimelineEntry[] }> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/timeline`);
  }
  verifyTimeline(id: string): Promise<TimelineVerification> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/timeline/verify`);
  }

  listSystems(): Promise<{ systems: AiSystem[] }> {
    return this.request('GET', '/api/v1/systems');
  }
  getSystem(id: string): Promise<AiSystem> {
    return this.request('GET', `/api/v1/systems/${enc(id)}`);
  }
  putSystem(card: SystemCardInput): Promise<AiSystem> {
    return this.request('PUT', `/api/v1/systems/${enc(card.id)}`, card);
  }
  /** Applies system cards and, when given, replaces the triage rules, all in one transaction. */
  applySystems(systems: SystemCardInput[], rules?: TriageRuleInput[]): Promise<ApplySystemsResponse> {
    return this.request('POST', '/api/v1/systems/apply', rules === undefined ? { systems } : { systems, rules });
  }

  listAlerts(
    filter: { status?: 'firing' | 'resolved' | 'dismissed'; system?: string; incident?: string; limit?: number } = {},
  ): Promise<{ alerts: Alert[] }> {
    return this.request('GET', '/api/v1/alerts', undefined, filter);
  }
  /** Puts an alert on an incident that is already open. */
  attachAlert(id: string, body: { incident: string; reason?: string }): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/attach`, body);
  }
  /** The open incidents of the alert's system: where it may belong. */
  openIncidentsForAlert(id: string): Promise<{ incidents: Incident[] }> {
    return this.request('GET', `/api/v1/alerts/${enc(id)}/open-incidents`);
  }
  /** Merges a duplicate incident into the one that carries on. */
  mergeIncident(
    id: string,
    body: { into: string; reason: string },
  ): Promise<{ incident: Incident; duplicate: Incident }> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/merge`, body);
  }
  getAlert(id: string): Promise<Alert> {
    return this.request('GET', `/api/v1/alerts/${enc(id)}`);
  }
  /** Says you are on the alert; acknowledging again keeps the first acknowledgement. */
  acknowledgeAlert(id: string): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/acknowledge`, {});
  }
  dismissAlert(id: string, reason: string): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/dismiss`, { reason });
  }
  /** Silences the alert's fingerprint for a duration such as `2h`. */
  suppressAlert(id: string, body: { for: string; reason: string }): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/suppress`, body);
  }
  declareFromAlert(id: string, body: { type: string; severity: string; title?: string }): Promise<Incident> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/incident`, body);
  }
  listRules(): Promise<{ rules: TriageRule[] }> {
    return this.request('GET', '/api/v1/rules');
  }
  listProposals(status?: 'open' | 'accepted' | 'rejected'): Promise<{ proposals: TriageProposal[] }> {
    return this.request('GET', '/api/v1/triage', undefined, { status });
  }
  acceptProposal(id: string): Promise<Incident> {
    return this.request('POST', `/api/v1/triage/${enc(id)}/accept`, {});
  }
  rejectProposal(id: string, reason: string): Promise<TriageProposal> {
    return this.request('POST', `/api/v1/triage/${enc(id)}/reject`, { reason });
  }
  /** Controls and their state, optionally of some systems (apps use {@link FirebreakControls} instead). */
  listControls(systems?: string[]): Promise<{ seq: number; controls: Control[] }> {
    return this.request('GET', '/api/v1/controls', undefined, { system: systems?.join(',') });
  }
  getControl(key: string): Promise<Control & { history: ControlChange[] }> {
    return this.request('GET', `/api/v1/controls/${enc(key)}`);
  }
  /** Kill, re-enable, route, canary, throttle, review or filter: answers applied, or pending a second person's approval. */
  changeControl(key: string, body: ChangeControlInput): Promise<ChangeControlResponse> {
    return this.request('POST', `/api/v1/controls/${enc(key)}`, body);
  }
  /** Moves a route back to its last known-good version, or to `to`. */
  rollbackControl(
    key: string,
    body: { reason: string; to?: string; incident?: string; expiresIn?: string },
  ): Promise<ChangeControlResponse> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/rollback`, body);
  }
  renewControl(key: string, body: { for: string; reason: string }): Promise<Control> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/renew`, body);
  }
  listApprovals(filter: { status?: Approval['status']; key?: string } = {}): Promise<{ approvals: Approval[] }> {
    return this.request('GET', '/api/v1/approvals', undefined, filter);
  }
  approveChange(id: string, reason?: string): Promise<ChangeControlResponse> {
    return this.request('POST', `/api/v1/approvals/${enc(id)}/approve`, reason === undefined ? {} : { reason });
  }
  rejectChange(id: string, reason: string): Promise<Approval> {
    return this.request('POST', `/api/v1/approvals/${enc(id)}/reject`, { reason });
  }

  /** Queues an item a human-review control routed; the same eventId again returns the queued item. */
  submitForReview(body: SubmitReviewRequest): Promise<ReviewItem> {
    return this.request('POST', '/api/v1/review', body);
  }
  listReview(
    filter: { status?: ReviewItem['status']; system?: string; incident?: string; limit?: number } = {},
  ): Promise<{ items: ReviewItem[] }> {
    return this.request('GET', '/api/v1/review', undefined, filter);
  }
  getReviewItem(id: string): Promise<ReviewItem> {
    return this.request('GET', `/api/v1/review/${enc(id)}`);
  }
  decideReview(id: string, body: ReviewDecisionRequest): Promise<ReviewItem> {
    return this.request('POST', `/api/v1/review/${enc(id)}/decision`, body);
  }
  reviewStats(filter: { system?: string; incident?: string } = {}): Promise<ReviewStats> {
    return this.request('GET', '/api/v1/review/stats', undefined, filter);
  }

  /** Sends a batch of telemetry at once (for apps, TelemetryReporter batches and retries). */
  sendTelemetry(events: TelemetryEventInput[]): Promise<TelemetryIngestResult> {
    return this.request('POST', '/api/v1/telemetry', events);
  }

  createToken(body: In<typeof CreateTokenRequest>): Promise<CreatedToken> {
    return this.request('POST', '/api/v1/tokens', body);
  }
  listTokens(): Promise<{ tokens: ApiToken[] }> {
    return this.request('GET', '/api/v1/tokens');
  }
  revokeToken(id: string): Promise<ApiToken> {
    return this.request('DELETE', `/api/v1/tokens/${enc(id)}`);
  }

  /** Follows live changes (timeline entries, alert and control changes) over Server-Sent Events; see {@link subscribe}. */
  subscribe(options: SubscribeOptions): Subscription {
    return subscribe({ baseUrl: this.baseUrl, token: this.token, fetch: this.fetchImpl }, options);
  }

  /** Any API call: the typed methods above all go through here. */
  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new FirebreakConnectionError(this.baseUrl, cause);
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw toApiError(response, parsed, text);
    return parsed as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, parsed: unknown, text: string): FirebreakApiError {
  const error = (parsed as { error?: Record<string, unknown> } | undefined)?.error;
  if (error && typeof error.message === 'string') {
    return new FirebreakApiError({
      status: response.status,
      code: typeof error.code === 'string' ? error.code : 'unknown',
      message: error.message,
      requestId: typeof error.requestId === 'string' ? error.requestId : undefined,
      details: (error.details as Record<string, unknown> | undefined) ?? undefined,
    });
  }
  return new FirebreakApiError({
    status: response.status,
    code: 'unexpected_response',
    message: `HTTP ${response.status} ${response.statusText}: ${text.slice(0, 200) || 'empty body'}`,
  });
}
