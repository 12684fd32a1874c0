import type { Evidence } from '@firebreak/contract';
import type { IncidentDetail } from '@firebreak/sdk';
import { useState } from 'react';
import { useSession } from '../../data/session';
import { isEditable } from '../../lib/finished';
import { formatBytes, words } from '../../lib/labels';
import { EmptyState } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { EvidenceDialog } from './evidence-dialog';
import { EvidenceViewer } from './evidence-viewer';

/** Evidence kept with the incident: what it is, which versions and window it covers, its digest. */
export function EvidenceList({ incident }: { incident: IncidentDetail }) {
  const canWrite = useSession().canWrite && isEditable(incident.status);
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<Evidence>();
  return (
    <section className="panel" aria-labelledby="evidence-title">
      <div className="panel-heading">
        <h2 id="evidence-title">Evidence</h2>
        <span className="muted small">{incident.evidence.length}</span>
        {canWrite ? (
          <button type="button" className="button button-small write-only" onClick={() => setAdding(true)}>
            Add evidence
          </button>
        ) : null}
      </div>
      {incident.evidence.length === 0 ? (
        <EmptyState title="No evidence yet">
          <p>
            Keep what you base decisions on: sample outputs, prompts, logs, metric exports, configs. The server hashes
            each item, so it can be shown untampered later.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table evidence-table">
            <caption className="visually-hidden">Evidence on {incident.id}</caption>
            <thead>
              <tr>
                <th scope="col">Evidence</th>
                <th scope="col">Kind</th>
                <th scope="col" className="hide-narrow">
                  Versions
                </th>
                <th scope="col" className="hide-narrow">
                  Window
                </th>
                <th scope="col" className="hide-narrow">
                  SHA-256
                </th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Content</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {incident.evidence.map((evidence) => (
                <tr key={evidence.id} id={evidence.id}>
                  <td>
                    <span className="incident-id">{evidence.id}</span> {evidence.title}
                    {evidence.description ? <div className="small muted">{evidence.description}</div> : null}
                    <div className="small muted">
                      added by {evidence.addedBy} <TimeText iso={evidence.addedAt} variant="short" />
                    </div>
                  </td>
                  <td>{words(evidence.kind)}</td>
                  <td className="hide-narrow small">
                    {evidence.modelVersion ? <div>model {evidence.modelVersion}</div> : null}
                    {evidence.promptVersion ? <div>prompt {evidence.promptVersion}</div> : null}
                    {!evidence.modelVersion && !evidence.promptVersion ? <span className="muted">—</span> : null}
                  </td>
                  <td className="hide-narrow small">
                    {evidence.windowStart || evidence.windowEnd ? (
                      <>
                        <TimeText iso={evidence.windowStart} variant="clock" /> →{' '}
                        <TimeText iso={evidence.windowEnd} variant="clock" />
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="hide-narrow">
                    <code title={evidence.sha256}>{evidence.sha256.slice(0, 12)}</code>
                  </td>
                  <td className="small">{formatBytes(evidence.size)}</td>
                  <td>
                    {evidence.storage === 'server' ? (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setViewing(evidence)}
                        aria-label={`Open ${evidence.id} content`}
                      >
                        Open
                      </button>
                    ) : evidence.uri ? (
                      <a href={evidence.uri} target="_blank" rel="noreferrer noopener">
                        External
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? <EvidenceDialog incident={incident} open={adding} onOpenChange={setAdding} /> : null}
      {viewing ? (
        <EvidenceViewer incidentId={incident.id} evidence={viewing} onClose={() => setViewing(undefined)} />
      ) : null}
    </section>
  );
}
