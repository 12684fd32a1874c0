import { Link, useParams } from 'react-router';
import { useIncidentList } from '../data/incidents';
import { useSystem } from '../data/systems';
import { CanaryPanel } from '../features/canary/canary-panel';
import { SystemControls } from '../features/controls/system-controls';
import { IncidentTable } from '../features/incidents/incident-table';
import { SystemCardView } from '../features/systems/system-card-view';
import { SystemMonitors } from '../features/systems/system-monitors';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

/** One system's full card, the incidents that touched it, its controls with their history, and its monitors with their alerts. */
export function SystemPage() {
  const { id = '' } = useParams();
  const system = useSystem(id);
  useTitle(system.data ? `${system.data.name} (${id})` : id);
  const incidents = useIncidentList({ system: id, limit: 100 });
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/systems">Systems</Link> / <span aria-current="page">{id}</span>
      </nav>
      {system.isPending ? <Loading what={id} /> : null}
      <ErrorMessage error={system.error} title={`Cannot load ${id}.`} />
      {system.data ? (
        <div className="system-layout">
          <section className="panel" aria-labelledby="system-title">
            <h1 id="system-title">
              {system.data.name} <span className="muted small">{system.data.id}</span>
            </h1>
            <p>
              <Link to={`/systems/${encodeURIComponent(system.data.id)}/plan`}>Response plan and its gaps</Link>
            </p>
            <SystemCardView system={system.data} />
          </section>
          <section className="panel" aria-labelledby="system-incidents">
            <h2 id="system-incidents">Incidents</h2>
            {incidents.isPending ? <Loading what="incidents" /> : null}
            <ErrorMessage error={incidents.error} title="Cannot load incidents." />
            {incidents.data?.total === 0 ? (
              <EmptyState title="No incidents on this system">
                <p>None declared so far. When one is, it shows here with its clocks.</p>
              </EmptyState>
            ) : null}
            {incidents.data && incidents.data.total > 0 ? (
              <IncidentTable incidents={incidents.data.incidents} caption={`Incidents on ${id}`} compact />
            ) : null}
          </section>
          <div className="system-wide panel" data-testid="system-controls">
            <SystemControls system={system.data.id} shown={5} />
          </div>
          <div className="system-wide">
            <CanaryPanel systems={[system.data.id]} />
          </div>
          <div className="system-wide">
            <SystemMonitors system={system.data} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
