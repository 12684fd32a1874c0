import type {
  AcknowledgeReportRequest,
  AcknowledgeRequest,
  AddOverrideRequest,
  AiSystem,
  Alert,
  AlertHygiene,
  AlertList,
  AlertListQuery,
  AlertSeries,
  AlertTuning,
  ApiToken,
  ApplySystemsResponse,
  Approval,
  ApprovalList,
  ApprovalListQuery,
  AssignRoleRequest,
  AttachAlertRequest,
  BundleChange,
  BundleList,
  CanaryRun,
  CanaryStatus,
  CancelMaintenanceRequest,
  ChangeControlInput,
  ChangeControlResponse,
  ChangeSeverityRequest,
  ChangeTypeRequest,
  ComponentView,
  IncidentDetail as ContractIncidentDetail,
  Control,
  ControlDetail,
  ControlList,
  CreatedIntegration,
  CreatedToken,
  CreateIntegrationRequest,
  CreateTokenRequest,
  Decision,
  DecisionList,
  DecisionRequest,
  DeclaredFromReport,
  DeclareFromAlertRequest,
  DeclareFromReportRequest,
  DeclareIncidentRequest,
  DeleteBundleRequest,
  DirectoryView,
  DismissReportRequest,
  EditIncidentRequest,
  ErrorBody,
  Evidence,
  EvidenceList,
  EvidenceRequest,
  Exercise,
  ExerciseClockRequest,
  ExerciseList,
  ExerciseReport,
  Health,
  HotwashRequest,
  Incident,
  IncidentList,
  IncidentListQuery,
  IncidentNotification,
  IncidentNotificationList,
  Integration,
  IntegrationList,
  LinkReportRequest,
  Maintenance,
  MaintenanceRequest,
  MergeIncidentRequest,
  MergeIncidentResponse,
  NotificationPreview,
  NotificationSettings,
  OnCallDirectoryInput,
  OnCallResponse,
  OpenIncidentsForAlert,
  PreviewRequest,
  PreviewResult,
  Publication,
  PublishStatusUpdateRequest,
  RegisterBundleRequest,
  ReleaseInjectRequest,
  RenewRequest,
  Report,
  ReportList,
  ReportListQuery,
  ReportReceipt,
  ReviewDecisionRequest,
  ReviewItem,
  ReviewList,
  ReviewListQuery,
  ReviewStats,
  ReviewStatsQuery,
  RollbackRequest,
  ScenarioList,
  SetComponentStateRequest,
  SeverityInput,
  ShadowStatus,
  StartCanaryInput,
  StartExerciseRequest,
  StatusPageView,
  StatusSummary,
  StatusUpdate,
  StatusUpdateList,
  StatusUpdateRequest,
  SubmitReportRequest,
  SubmitReviewRequest,
  SuppressAlertRequest,
  SystemCardInput,
  SystemList,
  SystemMonitors,
  TelemetryEventInput,
  TelemetryIngestResult,
  Timeline,
  TimelineVerification,
  TokenList,
  TransitionRequest,
  TriageProposal,
  TriageProposalList,
  TriageRuleInput,
  TriageRules,
  UpdateReportRequest,
  WhoAmI,
  z,
} from '@firebreak/contract';
import { FirebreakApiError, FirebreakConnectionError } from './errors';
import { type SubscribeOptions, type Subscription, subscribe } from './subscribe';

/** A request body as the caller may write it (defaults and aliases such as P0 for SEV1 allowed). */
type In<T extends z.ZodType> = z.input<T>;
/** A list's query parameters, every one optional, with the types the server reads them as. */
type Filter<T extends z.ZodType> = Partial<z.output<T>>;
type Query = Record<string, string | number | boolean | undefined>;

/** Which incidents `listIncidents` returns; severity may be written SEV1..SEV4 or P0..P3. */
export type IncidentFilter = Omit<Filter<typeof IncidentListQuery>, 'severity'> & {
  severity?: z.input<typeof SeverityInput>;
};

/**
 * An incident with its role history, decisions, evidence and status updates; the triage rules
 * applied and the merge links are optional, as servers before them leave them out.
 */
export type IncidentDetail = Omit<ContractIncidentDetail, 'rulesApplied' | 'mergedInto' | 'duplicates'> &
  Partial<Pick<ContractIncidentDetail, 'rulesApplied' | 'mergedInto' | 'duplicates'>>;

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

  health(): Promise<Health> {
    return this.request('GET', '/api/v1/health');
  }
  whoami(): Promise<WhoAmI> {
    return this.request('GET', '/api/v1/whoami');
  }

  declareIncident(body: In<typeof DeclareIncidentRequest>): Promise<Incident> {
    return this.request('POST', '/api/v1/incidents', body);
  }
  listIncidents(filter: IncidentFilter = {}): Promise<IncidentList> {
    return this.request('GET', '/api/v1/incidents', undefined, filter);
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
  listDecisions(id: string): Promise<DecisionList> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/decisions`);
  }
  addEvidence(id: string, body: In<typeof EvidenceRequest>): Promise<Evidence> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/evidence`, body);
  }
  listEvidence(id: string): Promise<EvidenceList> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/evidence`);
  }
  postStatusUpdate(id: string, body: In<typeof StatusUpdateRequest>): Promise<StatusUpdate> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/status-updates`, body);
  }
  listStatusUpdates(id: string): Promise<StatusUpdateList> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/status-updates`);
  }
  /** Puts a customer update on the public status page: the comms lead's (or, with none seated, the commander's) approval. */
  publishStatusUpdate(
    id: string,
    updateId: string,
    body: In<typeof PublishStatusUpdateRequest> = {},
  ): Promise<Publication> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/status-updates/${enc(updateId)}/publish`, body);
  }

  /** The built-in drill scenarios. */
  listScenarios(): Promise<ScenarioList> {
    return this.request('GET', '/api/v1/exercises/scenarios');
  }
  /** Creates a drill and its exercise space (a copy of the system and its controls); the clock waits for `start`. */
  createExercise(body: In<typeof StartExerciseRequest>): Promise<Exercise> {
    return this.request('POST', '/api/v1/exercises', body);
  }
  listExercises(query: { status?: string; team?: string; limit?: number } = {}): Promise<ExerciseList> {
    return this.request('GET', '/api/v1/exercises', undefined, query);
  }
  getExercise(id: string): Promise<Exercise> {
    return this.request('GET', `/api/v1/exercises/${enc(id)}`);
  }
  /** The facilitator's clock: start, pause, resume, change speed, end. */
  exerciseClock(id: string, body: In<typeof ExerciseClockRequest>): Promise<Exercise> {
    return this.request('POST', `/api/v1/exercises/${enc(id)}/clock`, body);
  }
  releaseInject(id: string, inject: string, body: In<typeof ReleaseInjectRequest> = {}): Promise<Exercise> {
    return this.request('POST', `/api/v1/exercises/${enc(id)}/injects/${enc(inject)}/release`, body);
  }
  /** The hotwash: findings, and corrective actions created from them. */
  hotwash(id: string, body: In<typeof HotwashRequest>): Promise<Exercise> {
    return this.request('POST', `/api/v1/exercises/${enc(id)}/hotwash`, body);
  }
  exerciseReport(id: string): Promise<ExerciseReport> {
    return this.request('GET', `/api/v1/exercises/${enc(id)}/report`);
  }

  /** The status page as responders see it: who set each component's state, when and why. */
  statusPage(): Promise<StatusPageView> {
    return this.request('GET', '/api/v1/status-page');
  }
  /** What the public sees at /status.json (no token needed). */
  statusSummary(): Promise<StatusSummary> {
    return this.request('GET', '/status.json');
  }
  setComponentState(id: string, body: In<typeof SetComponentStateRequest>): Promise<ComponentView> {
    return this.request('PUT', `/api/v1/status-page/components/${enc(id)}`, body);
  }
  scheduleMaintenance(body: In<typeof MaintenanceRequest>): Promise<Maintenance> {
    return this.request('POST', '/api/v1/status-page/maintenance', body);
  }
  cancelMaintenance(id: string, body: In<typeof CancelMaintenanceRequest>): Promise<Maintenance> {
    return this.request('POST', `/api/v1/status-page/maintenance/${enc(id)}/cancel`, body);
  }
  timeline(id: string): Promise<Timeline> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/timeline`);
  }
  verifyTimeline(id: string): Promise<TimelineVerification> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/timeline/verify`);
  }

  listSystems(): Promise<SystemList> {
    return this.request('GET', '/api/v1/systems');
  }
  getSystem(id: string): Promise<AiSystem> {
    return this.request('GET', `/api/v1/systems/${enc(id)}`);
  }
  putSystem(card: SystemCardInput): Promise<AiSystem> {
    return this.request('PUT', `/api/v1/systems/${enc(card.id)}`, card);
  }
  /** Where each monitor of a system stands (learning, watching, firing), its tuning, budget share and 30-day alerts. */
  systemMonitors(id: string): Promise<SystemMonitors> {
    return this.request('GET', `/api/v1/systems/${enc(id)}/monitors`);
  }
  /**
   * Applies system cards and, when given, replaces the triage rules and the on-call directory
   * (people, teams, schedules, overrides, notifications), all in one transaction.
   */
  applySystems(
    systems: SystemCardInput[],
    rules?: TriageRuleInput[],
    directory?: OnCallDirectoryInput,
  ): Promise<ApplySystemsResponse> {
    return this.request('POST', '/api/v1/systems/apply', {
      systems,
      ...(rules === undefined ? {} : { rules }),
      ...(directory === undefined ? {} : { directory }),
    });
  }
  /** Who can be reached and who is on call, as last applied, with its revision. */
  directory(): Promise<DirectoryView> {
    return this.request('GET', '/api/v1/directory');
  }
  /** Who is on call now (or `at`) on every schedule (or one). */
  onCall(query: { at?: string; schedule?: string } = {}): Promise<OnCallResponse> {
    return this.request('GET', '/api/v1/oncall', undefined, query);
  }
  /** Adds an override to the directory in force (a new revision); the next apply of the file replaces it. */
  addOverride(override: In<typeof AddOverrideRequest>): Promise<DirectoryView> {
    return this.request('POST', '/api/v1/directory/overrides', override);
  }
  /** Removes an override from the directory in force (a new revision). */
  removeOverride(id: string): Promise<DirectoryView> {
    return this.request('DELETE', `/api/v1/directory/overrides/${enc(id)}`);
  }
  /** The notification rules in force (matrix, escalation, audiences, cadence) and which channels can deliver. */
  notificationSettings(): Promise<NotificationSettings> {
    return this.request('GET', '/api/v1/notifications');
  }
  /** Every notification queued about an incident and how its delivery went. */
  incidentNotifications(id: string): Promise<IncidentNotificationList> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/notifications`);
  }
  /** Who the matrix tells about the incident as it stands, on which channel and by when. */
  previewNotifications(id: string): Promise<NotificationPreview> {
    return this.request('GET', `/api/v1/incidents/${enc(id)}/notifications/preview`);
  }
  /** Sends a failed notification again (a fresh set of attempts). */
  retryNotification(id: string, notification: number): Promise<IncidentNotification> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/notifications/${notification}/retry`, {});
  }

  listAlerts(filter: Filter<typeof AlertListQuery> = {}): Promise<AlertList> {
    return this.request('GET', '/api/v1/alerts', undefined, filter);
  }
  /** Puts an alert on an incident that is already open. */
  attachAlert(id: string, body: In<typeof AttachAlertRequest>): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/attach`, body);
  }
  /** The open incidents of the alert's system: where it may belong. */
  openIncidentsForAlert(id: string): Promise<OpenIncidentsForAlert> {
    return this.request('GET', `/api/v1/alerts/${enc(id)}/open-incidents`);
  }
  /** Merges a duplicate incident into the one that carries on. */
  mergeIncident(id: string, body: In<typeof MergeIncidentRequest>): Promise<MergeIncidentResponse> {
    return this.request('POST', `/api/v1/incidents/${enc(id)}/merge`, body);
  }
  getAlert(id: string): Promise<Alert> {
    return this.request('GET', `/api/v1/alerts/${enc(id)}`);
  }
  /** The alert's chart carried on to now: the windows its evidence froze, then those closed since. */
  alertSeries(id: string): Promise<AlertSeries> {
    return this.request('GET', `/api/v1/alerts/${enc(id)}/series`);
  }
  /** Says you are on the alert; acknowledging again keeps the first acknowledgement. */
  acknowledgeAlert(id: string): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/acknowledge`, {});
  }
  dismissAlert(id: string, reason: string): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/dismiss`, { reason });
  }
  /** What dismissing the alert taught its series, and the series' tuning log. */
  alertTuning(id: string): Promise<AlertTuning> {
    return this.request('GET', `/api/v1/alerts/${enc(id)}/tuning`);
  }
  /** Takes back what the alert's dismissal taught its series; the dismissal stands. */
  revertTuning(id: string, reason: string): Promise<AlertTuning> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/tuning/revert`, { reason });
  }
  /** Monitors across systems, noisiest first (false-positive rate over 30 days). */
  alertHygiene(): Promise<AlertHygiene> {
    return this.request('GET', '/api/v1/alerts/hygiene');
  }
  /** Silences the alert's fingerprint for a duration such as `2h`. */
  suppressAlert(id: string, body: In<typeof SuppressAlertRequest>): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/suppress`, body);
  }
  declareFromAlert(id: string, body: In<typeof DeclareFromAlertRequest>): Promise<Incident> {
    return this.request('POST', `/api/v1/alerts/${enc(id)}/incident`, body);
  }
  listRules(): Promise<TriageRules> {
    return this.request('GET', '/api/v1/rules');
  }
  listProposals(status?: TriageProposal['status']): Promise<TriageProposalList> {
    return this.request('GET', '/api/v1/triage', undefined, { status });
  }
  acceptProposal(id: string): Promise<Incident> {
    return this.request('POST', `/api/v1/triage/${enc(id)}/accept`, {});
  }
  rejectProposal(id: string, reason: string): Promise<TriageProposal> {
    return this.request('POST', `/api/v1/triage/${enc(id)}/reject`, { reason });
  }
  /** Controls and their state, optionally of some systems (apps use {@link FirebreakControls} instead). */
  listControls(systems?: string[]): Promise<ControlList> {
    return this.request('GET', '/api/v1/controls', undefined, { system: systems?.join(',') });
  }
  getControl(key: string): Promise<ControlDetail> {
    return this.request('GET', `/api/v1/controls/${enc(key)}`);
  }
  /** Kill, re-enable, route, canary, throttle, review or filter: answers applied, or pending a second person's approval. */
  changeControl(key: string, body: ChangeControlInput): Promise<ChangeControlResponse> {
    return this.request('POST', `/api/v1/controls/${enc(key)}`, body);
  }
  /** Moves a route back to its last known-good version, or to `to`. */
  rollbackControl(key: string, body: In<typeof RollbackRequest>): Promise<ChangeControlResponse> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/rollback`, body);
  }
  renewControl(key: string, body: In<typeof RenewRequest>): Promise<Control> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/renew`, body);
  }
  /** A bundle route's bundles (model, prompt, policy, index, tools) and where each stands. */
  listBundles(key: string): Promise<BundleList> {
    return this.request('GET', `/api/v1/controls/${enc(key)}/bundles`);
  }
  /** Registers an immutable bundle version (a deploy); the same version with the same contents again changes nothing. */
  registerBundle(key: string, body: In<typeof RegisterBundleRequest>): Promise<BundleChange> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/bundles`, body);
  }
  /** Retires a bundle; refused for the active one, the canary's and the known-good ones a rollback needs. */
  deleteBundle(key: string, version: string, body: In<typeof DeleteBundleRequest>): Promise<BundleChange> {
    return this.request('DELETE', `/api/v1/controls/${enc(key)}/bundles/${enc(version)}`, body);
  }
  /** A route's canary run in progress, or its last (`run: null` when it never had one). */
  getCanary(key: string): Promise<CanaryStatus> {
    return this.request('GET', `/api/v1/controls/${enc(key)}/canary`);
  }
  /** A route's shadow now, and its comparison with the active version in progress or last (`run: null` when none). */
  getShadow(key: string): Promise<ShadowStatus> {
    return this.request('GET', `/api/v1/controls/${enc(key)}/shadow`);
  }
  /** Starts a canary of `version` on a route: the server moves it step by step, or aborts it on harm. */
  startCanary(key: string, body: StartCanaryInput): Promise<CanaryRun> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/canary`, body);
  }
  /** Cancels the running canary: the route serves its active version alone. */
  cancelCanary(key: string, reason: string): Promise<CanaryRun> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/canary/cancel`, { reason });
  }
  /** Accepts the residual risk of the zero-tolerance segment series holding the canary's step. */
  acceptCanaryRisk(key: string, reason: string, series?: readonly string[]): Promise<CanaryRun> {
    return this.request('POST', `/api/v1/controls/${enc(key)}/canary/accept-risk`, {
      reason,
      ...(series ? { series } : {}),
    });
  }
  listApprovals(filter: Filter<typeof ApprovalListQuery> = {}): Promise<ApprovalList> {
    return this.request('GET', '/api/v1/approvals', undefined, filter);
  }
  approveChange(id: string, reason?: string): Promise<ChangeControlResponse> {
    return this.request('POST', `/api/v1/approvals/${enc(id)}/approve`, reason === undefined ? {} : { reason });
  }
  rejectChange(id: string, reason: string): Promise<Approval> {
    return this.request('POST', `/api/v1/approvals/${enc(id)}/reject`, { reason });
  }

  /** Queues an item a human-review control routed; the same eventId again returns the queued item. */
  submitForReview(body: In<typeof SubmitReviewRequest>): Promise<ReviewItem> {
    return this.request('POST', '/api/v1/review', body);
  }
  listReview(filter: Filter<typeof ReviewListQuery> = {}): Promise<ReviewList> {
    return this.request('GET', '/api/v1/review', undefined, filter);
  }
  getReviewItem(id: string): Promise<ReviewItem> {
    return this.request('GET', `/api/v1/review/${enc(id)}`);
  }
  decideReview(id: string, body: In<typeof ReviewDecisionRequest>): Promise<ReviewItem> {
    return this.request('POST', `/api/v1/review/${enc(id)}/decision`, body);
  }
  reviewStats(filter: Filter<typeof ReviewStatsQuery> = {}): Promise<ReviewStats> {
    return this.request('GET', '/api/v1/review/stats', undefined, filter);
  }

  /** Sends an external report, as the public form does (no token needed); answers the reference. */
  submitReport(body: In<typeof SubmitReportRequest>): Promise<ReportReceipt> {
    return this.request('POST', '/api/v1/reports', body);
  }
  /** The triage queue of external reports: open ones oldest first unless `status` says otherwise. */
  listReports(filter: Filter<typeof ReportListQuery> = {}): Promise<ReportList> {
    return this.request('GET', '/api/v1/reports', undefined, filter);
  }
  getReport(ref: string): Promise<Report> {
    return this.request('GET', `/api/v1/reports/${enc(ref)}`);
  }
  acknowledgeReport(ref: string, body: In<typeof AcknowledgeReportRequest> = {}): Promise<Report> {
    return this.request('POST', `/api/v1/reports/${enc(ref)}/acknowledge`, body);
  }
  updateReport(ref: string, body: In<typeof UpdateReportRequest>): Promise<Report> {
    return this.request('POST', `/api/v1/reports/${enc(ref)}/update`, body);
  }
  linkReport(ref: string, body: In<typeof LinkReportRequest>): Promise<Report> {
    return this.request('POST', `/api/v1/reports/${enc(ref)}/link`, body);
  }
  declareFromReport(ref: string, body: In<typeof DeclareFromReportRequest>): Promise<DeclaredFromReport> {
    return this.request('POST', `/api/v1/reports/${enc(ref)}/declare`, body);
  }
  dismissReport(ref: string, body: In<typeof DismissReportRequest>): Promise<Report> {
    return this.request('POST', `/api/v1/reports/${enc(ref)}/dismiss`, body);
  }

  /** Sends a batch of telemetry at once (for apps, TelemetryReporter batches and retries). */
  sendTelemetry(events: TelemetryEventInput[]): Promise<TelemetryIngestResult> {
    return this.request('POST', '/api/v1/telemetry', events);
  }

  /** Creates an inbound integration (admin); the secret is in the answer only. */
  createIntegration(body: CreateIntegrationRequest): Promise<CreatedIntegration> {
    return this.request('POST', '/api/v1/integrations', body);
  }
  listIntegrations(): Promise<IntegrationList> {
    return this.request('GET', '/api/v1/integrations');
  }
  getIntegration(id: string): Promise<Integration> {
    return this.request('GET', `/api/v1/integrations/${enc(id)}`);
  }
  /** A new secret for an integration; the old one stops working at once. */
  rotateIntegration(id: string): Promise<CreatedIntegration> {
    return this.request('POST', `/api/v1/integrations/${enc(id)}/rotate`, {});
  }
  revokeIntegration(id: string): Promise<Integration> {
    return this.request('DELETE', `/api/v1/integrations/${enc(id)}`);
  }
  /** The replay console: what a payload would become, and the rule each alert would meet; stores nothing. */
  previewPayload(body: PreviewRequest): Promise<PreviewResult> {
    return this.request('POST', '/api/v1/integrations/preview', body);
  }

  createToken(body: In<typeof CreateTokenRequest>): Promise<CreatedToken> {
    return this.request('POST', '/api/v1/tokens', body);
  }
  listTokens(): Promise<TokenList> {
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

/**
 * The error a failed response stands for, for a caller that read the body itself (a download):
 * the server's error body, or the status and the start of what came back.
 */
export function apiErrorFrom(response: Response, text: string): FirebreakApiError {
  return toApiError(response, parseJson(text), text);
}

function toApiError(response: Response, parsed: unknown, text: string): FirebreakApiError {
  // Checked field by field: a proxy or an older server may answer with anything.
  const error = (parsed as Partial<ErrorBody> | undefined)?.error as Partial<ErrorBody['error']> | undefined;
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
