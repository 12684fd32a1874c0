import { isOpen, reasonRequired, type Status, TRANSITIONS } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { reopenTarget } from '../../lib/finished';
import { ErrorMessage } from '../../ui/error-message';
import { CauseDialog } from './cause-dialog';
import { CloseDialog } from './close-dialog';
import { MergeDialog } from './merge-dialog';
import { SeverityDialog, TypeDialog } from './reclassify-dialogs';
import { SUMMARY_ID } from './summary-strip';
import { TransitionDialog } from './transition-dialog';

/**
 * What a responder can do to the incident now: only the moves its lifecycle allows. A finished
 * incident (resolved, closed, dismissed) is read-only but for reopening it (and closing a
 * resolved one). Acknowledging is the one action a phone offers.
 */
export function IncidentActions({ incident, onCompose }: { incident: IncidentDetail; onCompose(): void }) {
  const [moveTo, setMoveTo] = useState<Status>();
  const [dialog, setDialog] = useState<'severity' | 'type' | 'merge' | 'cause'>();
  const acknowledge = useIncidentChange(incident.id, (client) => client.acknowledge(incident.id));
  const open = isOpen(incident.status);
  const canAcknowledge = open && !incident.response.acknowledgedAt;

  return (
    // On a phone only acknowledging (and a finished incident's note) shows.
    <section className={`actions ${open && !canAcknowledge ? 'write-only' : ''}`} aria-label="Actions">
      {canAcknowledge ? (
        <button
          type="button"
          className="button button-primary"
          // The button goes once acknowledged: focus moves to the summary, which now says so.
          onClick={() =>
            acknowledge.mutate(undefined, { onSuccess: () => document.getElementById(SUMMARY_ID)?.focus() })
          }
          disabled={acknowledge.isPending}
        >
          {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      ) : null}
      {open ? (
        <OpenMoves incident={incident} onMove={setMoveTo} onReclassify={setDialog} onCompose={onCompose} />
      ) : (
        <FinishedMoves incident={incident} onMove={setMoveTo} />
      )}
      <ErrorMessage error={acknowledge.error} title="Not acknowledged." />
      {/* Closing has its own dialog: it says what the close gate still needs. */}
      <TransitionDialog
        incident={incident}
        to={moveTo === 'closed' ? undefined : moveTo}
        onClose={() => setMoveTo(undefined)}
      />
      <CloseDialog incident={incident} open={moveTo === 'closed'} onClose={() => setMoveTo(undefined)} />
      {open ? <CauseDialog incident={incident} open={dialog === 'cause'} onClose={() => setDialog(undefined)} /> : null}
      <SeverityDialog incident={incident} open={dialog === 'severity'} onClose={() => setDialog(undefined)} />
      <TypeDialog incident={incident} open={dialog === 'type'} onClose={() => setDialog(undefined)} />
      {open ? <MergeDialog incident={incident} open={dialog === 'merge'} onClose={() => setDialog(undefined)} /> : null}
    </section>
  );
}

function OpenMoves({
  incident,
  onMove,
  onReclassify,
  onCompose,
}: {
  incident: IncidentDetail;
  onMove(status: Status): void;
  onReclassify(kind: 'severity' | 'type' | 'merge' | 'cause'): void;
  onCompose(): void;
}) {
  return (
    <>
      <div className="action-group write-only" role="group" aria-label="Move to status">
        <span className="muted small">Move to</span>
        {TRANSITIONS[incident.status].map((status) => (
          <button
            key={status}
            type="button"
            className="button status-button"
            data-status={status}
            aria-haspopup="dialog"
            onClick={() => onMove(status)}
          >
            {status}
            {reasonRequired(incident.status, status) ? (
              <span className="visually-hidden"> (needs a reason)</span>
            ) : null}
          </button>
        ))}
      </div>
      <div className="action-group write-only" role="group" aria-label="Reclassify">
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => onReclassify('severity')}>
          Change severity
        </button>
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => onReclassify('type')}>
          Change type
        </button>
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => onReclassify('merge')}>
          Merge into…
        </button>
      </div>
      <button
        type="button"
        className="button write-only"
        aria-haspopup="dialog"
        title={
          incident.metrics.isolatedAt
            ? 'The cause is marked identified; mark it again if it turned out to be another'
            : 'For the tech lead: the cause is identified (time to isolate)'
        }
        onClick={() => onReclassify('cause')}
      >
        {incident.metrics.isolatedAt ? 'Cause identified ✓' : 'Cause identified'}
      </button>
      <button
        type="button"
        className="button write-only"
        aria-haspopup="dialog"
        onClick={onCompose}
        aria-keyshortcuts="u"
      >
        Post update <kbd>u</kbd>
      </button>
    </>
  );
}

function FinishedMoves({ incident, onMove }: { incident: IncidentDetail; onMove(status: Status): void }) {
  const reopen = reopenTarget(incident.status);
  const close = TRANSITIONS[incident.status].includes('closed');
  return (
    <div className="action-group" role="group" aria-label="Finished incident">
      <span className="muted small finished-note">
        {incident.id} is {incident.status}: read-only.{' '}
        {reopen ? 'Reopen it to work it again.' : 'Closed is final: declare a new incident if it recurs.'}
      </span>
      {reopen ? (
        <button
          type="button"
          className="button write-only"
          data-status={reopen}
          aria-haspopup="dialog"
          onClick={() => onMove(reopen)}
        >
          Reopen <span className="visually-hidden">(to {reopen}, needs a reason)</span>
        </button>
      ) : null}
      {close ? (
        <button
          type="button"
          className="button write-only"
          data-status="closed"
          aria-haspopup="dialog"
          onClick={() => onMove('closed')}
        >
          Close
        </button>
      ) : null}
    </div>
  );
}
