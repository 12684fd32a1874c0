import type { Alert, Incident } from '@firebreak/contract';
import { compareSeverity } from '@firebreak/core';
import { Link } from 'react-router';
import { useAlerts } from '../data/alerts';
import { useControls } from '../data/controls';
import { useIncidentList } from '../data/incidents';
import { useSystems } from '../data/systems';
import { ControlsCell } from '../features/controls/controls-cell';
import { SeverityBadge, Tag } from '../ui/badges';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { TimeText } from '../ui/time-text';
import { useTitle } from '../ui/use-title';

const EXAMPLE = `version: 1
systems:
  - id: support-copilot
    name: Support copilot
    owner: Support AI team
    onCall: support-ai-oncall
    model: { name: gpt-4.1, version: 2025-04-14, provider: openai }
    riskTier: limited
    runbook: https://runbooks.example.com/support-copilot`;

const OPEN = { open: true, limit: 500 } as const;

/** The open incidents touching a system, most severe first. */
function openOn(incidents: readonly Incident[], system: string): Incident[] {
  return incidents
    .filter((incident) => incident.systems.includes(system))
    .sort((a, b) => compareSeverity(b.severity, a.severity));
}

/** How many alerts fire on a system, the worst first, linking to them. */
function FiringCell({ alerts, loaded, system }: { alerts: readonly Alert[]; loaded: boolean; system: string }) {
  if (alerts.length === 0) return <span className="muted">{loaded ? 'none' : '…'}</span>;
  const paging = alerts.filter((alert) => alert.level === 'page').length;
  return (
    <Link to={`/alerts?system=${system}`} className="open-count">
      <span className={`badge level level-${paging > 0 ? 'page' : 'warn'}`}>{paging > 0 ? 'page' : 'warn'}</span>{' '}
      {alerts.length} firing
    </Link>
  );
}

/** The AI system catalog: who owns what, which model runs where, how risky it is, what is on fire, and where its controls stand. */
export function SystemsPage() {
  useTitle('Systems');
  const systems = useSystems();
  const open = useIncidentList(OPEN);
  const firing = useAlerts({ status: 'firing', limit: 1000 });
  const controls = useControls((systems.data ?? []).map((system) => system.id));
  return (
    <div className="page">
      <div className="page-heading">
        <h1>Systems</h1>
        {systems.data ? <span className="muted">{systems.data.length} in the catalog</span> : null}
      </div>
      {systems.isPending ? <Loading what="the system catalog" /> : null}
      <ErrorMessage error={systems.error} title="Cannot load the catalog." />
      {systems.data?.length === 0 ? (
        <EmptyState title="No AI systems in the catalog">
          <p>
            A <strong>system card</strong> tells responders what they need at 3 a.m.: owner, on-call, model and prompt
            versions, dashboards, runbook, blast radius, jurisdictions and personal data. Keep cards in{' '}
            <code>firebreak.yaml</code> beside your code and apply them:
          </p>
          <pre>
            <code>{EXAMPLE}</code>
          </pre>
          <pre>
            <code>firebreak system apply -f firebreak.yaml</code>
          </pre>
        </EmptyState>
      ) : null}
      {systems.data && systems.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">AI systems</caption>
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Open incidents</th>
                <th scope="col">Firing alerts</th>
                <th scope="col">Controls</th>
                <th scope="col">Owner</th>
                <th scope="col">Risk tier</th>
                <th scope="col" className="hide-narrow">
                  Model
                </th>
                <th scope="col" className="hide-narrow">
                  On call
                </th>
                <th scope="col" className="hide-narrow">
                  Revision
                </th>
              </tr>
            </thead>
            <tbody>
              {systems.data.map((system) => {
                const burning = openOn(open.data?.incidents ?? [], system.id);
                return (
                  <tr key={system.id}>
                    <td>
                      <Link to={`/systems/${system.id}`}>{system.name}</Link>{' '}
                      <span className="muted small">{system.id}</span>
                    </td>
                    <td>
                      {burning.length === 0 ? (
                        <span className="muted">{open.data ? 'none' : '…'}</span>
                      ) : (
                        <Link to={`/incidents?system=${system.id}&open=1`} className="open-count">
                          {burning[0] ? <SeverityBadge severity={burning[0].severity} /> : null} {burning.length} open
                        </Link>
                      )}
                    </td>
                    <td>
                      <FiringCell
                        alerts={(firing.data ?? []).filter((alert) => alert.system === system.id)}
                        loaded={firing.data !== undefined}
                        system={system.id}
                      />
                    </td>
                    <td>
                      <ControlsCell
                        controls={(controls.data ?? []).filter((control) => control.system === system.id)}
                        loaded={controls.data !== undefined}
                      />
                    </td>
                    <td>{system.owner}</td>
                    <td>
                      <Tag value={system.riskTier} className={`risk-${system.riskTier}`} />
                    </td>
                    <td className="hide-narrow">
                      <code>
                        {system.model.name}@{system.model.version}
                      </code>
                    </td>
                    <td className="hide-narrow">{system.onCall ?? <span className="muted">—</span>}</td>
                    <td className="hide-narrow small">
                      r{system.revision} · <TimeText iso={system.updatedAt} variant="short" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
