import type { IncidentFilter } from '@firebreak/sdk';

type ReviewQuery = { status?: string; system?: string; incident?: string; limit?: number };
type AlertQuery = { status?: 'firing' | 'resolved' | 'dismissed'; system?: string; incident?: string; limit?: number };

/** Every server-state key in one place, so invalidation reads the same everywhere. */
export const keys = {
  whoami: (token: string) => ['whoami', token] as const,
  incidents: () => ['incidents'] as const,
  incidentList: (filter: IncidentFilter) => ['incidents', 'list', filter] as const,
  incident: (id: string) => ['incident', id] as const,
  timeline: (id: string) => ['incident', id, 'timeline'] as const,
  /** Under the incident's key, so a re-read after a gap in the live feed covers them too. */
  incidentNotifications: (id: string) => ['incident', id, 'notifications'] as const,
  notificationPreview: (id: string) => ['incident', id, 'notifications', 'preview'] as const,
  /** Every directory query starts with this, so an override change re-reads who is on call and the shifts. */
  directory: () => ['directory'] as const,
  onCall: () => ['directory', 'oncall'] as const,
  upcomingShifts: (schedule: string, revision: number) => ['directory', 'shifts', schedule, revision] as const,
  notificationSettings: () => ['notification-settings'] as const,
  /** Under the incident's key: a re-read of the incident after a gap covers them too. */
  postmortem: (id: string) => ['incident', id, 'postmortem'] as const,
  closeCheck: (id: string) => ['incident', id, 'close-check'] as const,
  /** Under the incident's key: every new timeline entry (a check is one) re-reads the gate. */
  recovery: (id: string) => ['incident', id, 'recovery'] as const,
  regulatory: (id: string) => ['incident', id, 'regulatory'] as const,
  related: (id: string) => ['incident', id, 'related'] as const,
  /** Every action query starts with this, so one action change refreshes lists, details and histories. */
  actions: () => ['actions'] as const,
  actionList: (query: Record<string, string | boolean | undefined>) => ['actions', 'list', query] as const,
  action: (id: string) => ['actions', 'one', id] as const,
  verifications: (id: string) => ['actions', 'one', id, 'verifications'] as const,
  systems: () => ['systems'] as const,
  /** Every alert query starts with this, so one alert change refreshes them all. */
  alerts: () => ['alerts'] as const,
  alertList: (query: AlertQuery) => ['alerts', 'list', query] as const,
  alert: (id: string) => ['alerts', 'one', id] as const,
  alertOpenIncidents: (id: string) => ['alerts', 'one', id, 'open-incidents'] as const,
  /** Under the alert keys, so an alert's live event re-reads its chart too. */
  alertSeries: (id: string) => ['alerts', 'one', id, 'series'] as const,
  /** Under the alert keys: a dismissal changes what it taught. */
  alertTuning: (id: string) => ['alerts', 'one', id, 'tuning'] as const,
  /** Under the alert keys: an acknowledgement or resolution queues more (PagerDuty's follow-up). */
  alertNotifications: (id: string) => ['alerts', 'one', id, 'notifications'] as const,
  /** Under the alert keys: every alert change moves the counts. */
  alertHygiene: () => ['alerts', 'hygiene'] as const,
  systemMonitors: (id: string) => ['alerts', 'monitors', id] as const,
  system: (id: string) => ['systems', id] as const,
  evidenceContent: (incident: string, evidence: string) => ['evidence-content', incident, evidence] as const,
  /** Every control query starts with this, so a control event refreshes lists, details and approvals. */
  controls: () => ['controls'] as const,
  controlList: (systems: readonly string[]) => ['controls', 'list', [...systems].sort()] as const,
  control: (key: string) => ['controls', 'one', key] as const,
  approvals: () => ['controls', 'approvals'] as const,
  /** Under the control keys: a control event (a preset moves several) re-reads what is in force. */
  presets: (system: string) => ['controls', 'presets', system] as const,
  /** Under the control keys: each step of a canary (and its abort) is a control event. */
  canary: (key: string) => ['controls', 'canary', key] as const,
  /** Under the control keys: registering, deleting and pruning a bundle are control events. */
  bundles: (key: string) => ['controls', 'bundles', key] as const,
  /** Every review query starts with this, so a decision refreshes the queue, the counts and the header. */
  review: () => ['review'] as const,
  reviewList: (query: ReviewQuery) => ['review', 'list', query] as const,
  reviewStats: (scope: { system?: string; incident?: string }) => ['review', 'stats', scope] as const,
  /** Every drill query starts with this, so an `exercise` event on the live feed re-reads them all. */
  exercises: () => ['exercises'] as const,
  exerciseList: () => ['exercises', 'list'] as const,
  exercise: (id: string) => ['exercises', 'one', id] as const,
  /** Under the drill's key: a hotwash changes the report. */
  exerciseReport: (id: string) => ['exercises', 'one', id, 'report'] as const,
  scenarios: () => ['scenarios'] as const,
};
