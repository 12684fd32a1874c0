import type { StatusUpdate } from '@firebreak/contract';
import type { IncidentDetail } from '@firebreak/sdk';
import { useState } from 'react';
import { useSession } from '../../data/session';
import { useSystems } from '../../data/systems';
import { isEditable } from '../../lib/finished';
import { EmptyState } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { previewUpdate } from './preview';
import { reachOf } from './templates';
import { UpdatePreviewCard } from './update-preview';

/** Updates already posted, newest first, each shown as its audience read it. */
export function UpdateList({ incident, onCompose }: { incident: IncidentDetail; onCompose(): void }) {
  const canWrite = useSession().canWrite && isEditable(incident.status);
  const systems = useSystems();
  const names = reachOf(incident.systems, systems.data ?? []).names;
  const updates = [...incident.statusUpdates].reverse();
  return (
    <section className="panel" aria-labelledby="updates-title">
      <div className="panel-heading">
        <h2 id="updates-title">Status updates</h2>
        <span className="muted small">{updates.length}</span>
        {canWrite ? (
          <button type="button" className="button button-small write-only" onClick={onCompose} aria-keyshortcuts="u">
            Post update
          </button>
        ) : null}
      </div>
      {updates.length === 0 ? (
        <EmptyState title="No status updates yet">
          <p>
            Tell people before they ask: responders, leadership, support and customers each get their own template.
            Press <kbd>u</kbd> to write one.
          </p>
        </EmptyState>
      ) : (
        <ol className="updates">
          {updates.map((update) => (
            <UpdateItem key={update.id} update={update} incident={incident} systemNames={names} />
          ))}
        </ol>
      )}
    </section>
  );
}

function UpdateItem({
  update,
  incident,
  systemNames,
}: {
  update: StatusUpdate;
  incident: IncidentDetail;
  systemNames: string[];
}) {
  const [open, setOpen] = useState(false);
  const fields = {
    whatHappened: update.whatHappened,
    impact: update.impact,
    currentStatus: update.currentStatus,
    nextSteps: update.nextSteps,
    asks: update.asks ?? '',
  };
  const preview = previewUpdate({
    audience: update.audience,
    fields,
    incident: { ...incident, severity: update.severity, status: update.incidentStatus },
    systemNames,
    nextUpdateAt: update.nextUpdateAt ?? undefined,
  });
  return (
    <li className="update" id={update.id}>
      <button type="button" className="update-summary" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="incident-id">{update.id}</span>{' '}
        <span className={`audience audience-${update.audience}`}>{update.audience}</span>{' '}
        <span className="update-status">{update.currentStatus}</span>
        <span className="small muted">
          {' '}
          · {update.postedBy} · <TimeText iso={update.postedAt} variant="short" />
        </span>
      </button>
      {open ? <UpdatePreviewCard preview={preview} audience={update.audience} /> : null}
    </li>
  );
}
