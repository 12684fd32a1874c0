import { targetText } from '../../lib/escalation-target';
import { words } from '../../lib/labels';
import { utcMinute } from '../../lib/time';

/** What a notification or escalation entry says: one line, and the detail under it. */
export interface NotificationEntryText {
  title: string;
  detail?: string;
}

type Payload = Record<string, unknown>;

const CHANNEL_NAMES: Record<string, string> = {
  email: 'email',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  pagerduty: 'PagerDuty',
  webhook: 'webhook',
  digest: 'the digest',
};

/** The verb a notification's kind makes, past (delivered) and infinitive (failed). */
const VERBS: Record<string, { done: string; todo: string }> = {
  page: { done: 'Paged', todo: 'page' },
  escalation: { done: 'Paged (escalation)', todo: 'page (escalation)' },
  notify: { done: 'Told', todo: 'tell' },
  reminder: { done: 'Reminded', todo: 'remind' },
  digest: { done: 'Put in the digest for', todo: 'put in the digest for' },
};

const REASONS: Record<string, string> = {
  step: 'no acknowledgement yet',
  acknowledge_deadline_missed: 'nobody acknowledged by the deadline',
  contain_deadline_missed: 'not contained by the deadline',
};

function text(payload: Payload, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(payload: Payload, key: string): number | undefined {
  const value = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function result(title: string, details: ReadonlyArray<string | undefined>): NotificationEntryText {
  const detail = details.filter(Boolean).join(' · ');
  return detail ? { title, detail } : { title };
}

/** `by email`, `on Slack`; nothing when the channel is not named. */
function viaChannel(payload: Payload): string {
  const channel = text(payload, 'channel');
  if (!channel) return '';
  const name = CHANNEL_NAMES[channel] ?? channel;
  return channel === 'email' || channel === 'webhook' ? ` by ${name}` : ` on ${name}`;
}

function recipientOf(payload: Payload): string {
  return text(payload, 'recipientName') ?? text(payload, 'recipient') ?? 'someone';
}

function audienceOf(payload: Payload): string | undefined {
  const audience = text(payload, 'audience');
  return audience ? `audience: ${words(audience)}` : undefined;
}

function attempts(n: number | undefined): string {
  return n === undefined || n <= 1 ? '' : ` (${n} attempts)`;
}

/**
 * A delivered notification as a sentence: `Paged Dana Reyes by email (2 attempts)`.
 *
 * @example
 * describeDelivered({ kind: 'page', recipientName: 'Dana Reyes', channel: 'email', attempts: 2 });
 * // { title: 'Paged Dana Reyes by email (2 attempts)' }
 */
export function describeDelivered(payload: Payload): NotificationEntryText {
  const verb = VERBS[text(payload, 'kind') ?? 'notify'] ?? VERBS.notify!;
  const title = `${verb.done} ${recipientOf(payload)}${viaChannel(payload)}${attempts(count(payload, 'attempts'))}`;
  return result(title, [audienceOf(payload)]);
}

/**
 * A failed attempt as a sentence, saying whether it will be tried again and when:
 * `Could not page Dana Reyes by email (attempt 1); trying again at 2026-11-24 10:15 UTC`.
 */
export function describeFailed(payload: Payload): NotificationEntryText {
  const verb = VERBS[text(payload, 'kind') ?? 'notify'] ?? VERBS.notify!;
  const tries = count(payload, 'attempts');
  const retryAt = text(payload, 'retryAt');
  const outcome =
    payload.final === true
      ? 'gave up; retry it from the notifications panel'
      : retryAt
        ? `trying again at ${utcMinute(retryAt)}`
        : 'will try again';
  const attempt = tries === undefined ? '' : tries === 1 ? ' (attempt 1)' : ` (${tries} attempts)`;
  const title = `Could not ${verb.todo} ${recipientOf(payload)}${viaChannel(payload)}${attempt}; ${outcome}`;
  return result(title, [text(payload, 'error'), audienceOf(payload)]);
}

/**
 * An escalation as a sentence: which step of which policy, why, and whether leadership was told.
 * The entry counts steps from 1 and passes from 0 (0 is the first run, 1 the first repeat).
 *
 * @example
 * describeEscalated({ policy: 'talent-ai-default', pass: 0, step: 2, reason: 'acknowledge_deadline_missed', leadership: true });
 * // { title: 'Escalated to step 2 of talent-ai-default: nobody acknowledged by the deadline; leadership told' }
 */
export function describeEscalated(payload: Payload): NotificationEntryText {
  const policy = text(payload, 'policy') ?? '?';
  const step = count(payload, 'step') ?? 1;
  const pass = count(payload, 'pass') ?? 0;
  const reason = text(payload, 'reason') ?? 'step';
  const leadership = payload.leadership === true ? '; leadership told' : '';
  const repeat = pass > 0 ? ` (repeat ${pass})` : '';
  const first = reason === 'step' && step === 1 && pass === 0;
  const title = first
    ? `Started escalation policy ${policy}: step 1${leadership}`
    : `Escalated to step ${step} of ${policy}${repeat}: ${REASONS[reason] ?? words(reason)}${leadership}`;
  const targets = Array.isArray(payload.targets) ? payload.targets.map((target) => targetText(target)) : [];
  const recipients = Array.isArray(payload.recipients) ? payload.recipients.map(String) : [];
  return result(title, [
    targets.length > 0 ? `Step targets: ${targets.join(', ')}` : undefined,
    Array.isArray(payload.recipients)
      ? recipients.length > 0
        ? `reached ${recipients.join(', ')}`
        : first
          ? 'everyone it names was already paged'
          : 'reached nobody: check the schedule and the people in the directory'
      : undefined,
  ]);
}
