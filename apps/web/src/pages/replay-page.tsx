import type { PreviewFormat, PreviewResult } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { usePreview } from '../data/integrations';
import { ErrorMessage } from '../ui/error-message';
import { useTitle } from '../ui/use-title';

/** The contract's PREVIEW_FORMATS (types only reach the web bundle, so the list is spelled out). */
const FORMATS: ReadonlyArray<{ value: PreviewFormat; label: string }> = [
  { value: 'alertmanager', label: 'Alertmanager webhook (v4)' },
  { value: 'grafana', label: 'Grafana alerting webhook' },
  { value: 'pagerduty', label: 'PagerDuty Events API v2' },
  { value: 'cloudevents', label: 'CloudEvents 1.0 (structured)' },
  { value: 'otlp-traces', label: 'OTLP/HTTP JSON traces (GenAI spans)' },
  { value: 'otlp-logs', label: 'OTLP/HTTP JSON logs (GenAI log records)' },
];

/**
 * The replay console: paste what a source sends and see the alerts it would become, their
 * fingerprints and the triage rule each would meet. Nothing is stored (docs/integrations.md).
 */
export function ReplayPage() {
  useTitle('Integrations');
  const [format, setFormat] = useState<PreviewFormat>('alertmanager');
  const [text, setText] = useState('');
  const [notJson, setNotJson] = useState(false);
  const preview = usePreview();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      setNotJson(true);
      return;
    }
    setNotJson(false);
    preview.mutate({ format, payload });
  };
  return (
    <div className="page">
      <div className="page-heading">
        <h1>Replay console</h1>
        <span className="muted">Paste a payload as a source sends it; nothing is stored.</span>
      </div>
      <form className="form replay-form" aria-label="Payload" onSubmit={submit}>
        <label>
          Format
          <select value={format} onChange={(event) => setFormat(event.target.value as PreviewFormat)}>
            {FORMATS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Payload (JSON)
          <textarea rows={12} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="button button-primary" disabled={preview.isPending || text.trim() === ''}>
          Preview
        </button>
      </form>
      {notJson ? (
        <p className="error-message" role="alert">
          Payload: not JSON.
        </p>
      ) : null}
      <ErrorMessage error={preview.error} title="The payload was refused." />
      {preview.data ? <Result result={preview.data} /> : null}
    </div>
  );
}

function Result({ result }: { result: PreviewResult }) {
  return (
    <section aria-label="Result">
      {result.warnings.map((warning) => (
        <p key={warning} className="muted" role="note">
          {warning}
        </p>
      ))}
      {result.produces === 'events' ? (
        <pre>{result.events.map((event) => JSON.stringify(event)).join('\n')}</pre>
      ) : (
        <div className="table-scroll">
          <table aria-label="Mapped alerts">
            <thead>
              <tr>
                <th>Status</th>
                <th>Level</th>
                <th>System</th>
                <th>Monitor</th>
                <th>Fingerprint</th>
                <th>Rule</th>
              </tr>
            </thead>
            <tbody>
              {result.alerts.map((alert) => (
                <tr key={`${alert.fingerprint}@${alert.startsAt}`}>
                  <td>{alert.status}</td>
                  <td>{alert.level}</td>
                  <td>{alert.system}</td>
                  <td>{alert.monitor}</td>
                  <td>
                    <code>{alert.fingerprint}</code>
                  </td>
                  <td>
                    {alert.rule
                      ? `${alert.rule.id}: ${alert.rule.declares ? `declares ${alert.rule.type} ${alert.rule.severity}` : 'proposes'}`
                      : 'none: a person looks'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        {result.produces === 'alerts' ? result.alerts.length : result.events.length} mapped; nothing was stored.
      </p>
    </section>
  );
}
