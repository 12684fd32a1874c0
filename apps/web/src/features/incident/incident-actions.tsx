import { isOpen, reasonRequired, type Status, TRANSITIONS } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { useState } from 'react';
import { ErrorMessage } from '../../ui/error-message';
import { SeverityDialog, TypeDialog } from './reclassify-dialogs';
import { TransitionDialog } from './transition-dialog';
import { useIncidentChange } from './use-incident';

/** What a responder can do to the incident now: only the moves its lifecycle allows. */
export function IncidentActions({ incident, onCompose }: { incident: IncidentDetail; onCompose(): void }) {
  const [moveTo, setMoveTo] = useState<Status>();
  const [dialog, setDialog] = useState<'severity' | 'type'>();
  const acknowledge = useIncidentChange(incident.id, (client) => client.acknowledge(incident.id));
  const next = TRANSITIONS[incident.status];
  const editable = incident.status !== 'closed';

  return (
    <section className="actions write-only" aria-label="Actions">
      {!incident.response.acknowledgedAt && isOpen(incident.status) ? (
        <button
          type="button"
          className="button button-primary"
          onClick={() => acknowledge.mutate()}
          disabled={acknowledge.isPending}
        >
          {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      ) : null}
      {next.length > 0 ? (
        <div className="action-group" role="group" aria-label="Move to status">
          <span className="muted small">Move to</span>
          {next.map((status) => (
            <button
              key={status}
              type="button"
              className="button status-button"
              data-status={status}
              onClick={() => setMoveTo(status)}
            >
              {status}
              {reasonRequired(incident.status, status) ? (
                <span className="visually-hidden"> (needs a reason)</span>
              ) : null}
            </button>
          ))}
        </div>
      ) : (
        <span className="muted small">Closed: the lifecycle is over.</span>
      )}
      {editable ? (
        <div className="action-group" role="group" aria-label="Reclassify">
          <button type="button" className="button" onClick={() => setDialog('severity')}>
            Change severity
          </button>
          <button type="button" className="button" onClick={() => setDialog('type')}>
            Change type
          </button>
        </div>
      ) : null}
      <button type="button" className="button" onClick={onCompose} aria-keyshortcuts="u">
        Post update <kbd>u</kbd>
      </button>
      <ErrorMessage error={acknowledge.error} title="Not acknowledged." />
      <TransitionDialog incident={incident} to={moveTo} onClose={() => setMoveTo(undefined)} />
      <SeverityDialog incident={incident} open={dialog === 'severity'} onClose={() => setDialog(undefined)} />
      <TypeDialog incident={incident} open={dialog === 'type'} onClose={() => setDialog(undefined)} />
    </section>
  );
}
