import { useState } from 'react';
import { useIncidentActions } from '../../data/actions';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';
import { Loading } from '../../ui/states';
import { ActionDrawer } from './action-drawer';
import { ActionTable } from './action-table';
import { AddActionForm } from './add-action-form';

/** The incident's corrective and preventive actions, each opening in a drawer, and a form to add one. */
export function IncidentActionList({ incidentId }: { incidentId: string }) {
  const { canWrite } = useSession();
  const actions = useIncidentActions(incidentId);
  const [open, setOpen] = useState<string>();
  const rows = actions.data?.actions ?? [];
  return (
    <section className="panel incident-capa" aria-labelledby="capa-title">
      <div className="panel-heading">
        <h2 id="capa-title">Actions</h2>
        <span className="muted small">
          {rows.length === 0
            ? 'none yet'
            : `${rows.filter((a) => a.status !== 'closed' && a.status !== 'cancelled').length} open of ${rows.length}`}
        </span>
      </div>
      {actions.isPending ? <Loading what="the actions" /> : null}
      <ErrorMessage error={actions.error} title="Cannot load the actions." />
      {rows.length > 0 ? <ActionTable actions={rows} onOpen={setOpen} caption={`Actions of ${incidentId}`} /> : null}
      {canWrite ? <AddActionForm incidentId={incidentId} onAdded={setOpen} /> : null}
      <ActionDrawer id={open} onClose={() => setOpen(undefined)} />
    </section>
  );
}
