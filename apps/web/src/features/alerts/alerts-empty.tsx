import { useSession } from '../../data/session';
import { EmptyState } from '../../ui/states';

const CURL = (origin: string) => `cat > telemetry.ndjson <<'END'
{"system":"support-copilot","ts":"2026-11-24T10:00:00Z","id":"evt-1","confidence":0.91,"flags":{"pii":false}}
{"system":"support-copilot","ts":"2026-11-24T10:00:01Z","id":"evt-2","confidence":0.88,"flags":{"pii":true}}
END
curl -s -H "authorization: Bearer $FIREBREAK_TOKEN" -H 'content-type: application/x-ndjson' \\
  --data-binary @telemetry.ndjson ${origin}/api/v1/telemetry`;

const SDK = (origin: string) => `import { TelemetryReporter } from '@firebreak/sdk';

const reporter = new TelemetryReporter({ baseUrl: '${origin}', token: process.env.FIREBREAK_TOKEN });
reporter.report({ system: 'fraud-model', ts: new Date().toISOString(), prediction: 'decline', confidence: 0.91 });`;

/** Nothing firing and nothing ever sent, as far as this page knows: how alerts come to be, and how to send telemetry. */
export function NoAlertsYet() {
  const { canWrite } = useSession();
  const origin = window.location.origin;
  return (
    <EmptyState title="No alerts firing">
      <p>
        An <strong>alert</strong> is raised by a <strong>monitor</strong>: a detector watching one signal of an AI
        system in windows of telemetry (PII and secret flags at zero tolerance, refusal and negative-feedback rates,
        confidence and output drift, latency, fairness across segments). A system with no monitors configured is watched
        on every signal its telemetry carries, from the first events. Each alert names its owner and runbook, and
        estimates when the change began.
      </p>
      <p>
        Send telemetry to <code>POST /api/v1/telemetry</code> (a JSON array or NDJSON; only <code>system</code> and{' '}
        <code>ts</code> are required).
        {canWrite ? null : ' Sending it needs a responder token.'} A PII hit pages once its window closes:
      </p>
      <pre>
        <code>{CURL(origin)}</code>
      </pre>
      <p>From an app, the SDK batches and retries, and never throws into your code:</p>
      <pre>
        <code>{SDK(origin)}</code>
      </pre>
      <p className="small muted">
        The same example is in the README, under “Detection: telemetry in, alerts and incidents out”; every field is
        described in the API’s <a href="/api/v1/openapi.json">OpenAPI document</a> (<code>TelemetryEvent</code>).
      </p>
    </EmptyState>
  );
}
