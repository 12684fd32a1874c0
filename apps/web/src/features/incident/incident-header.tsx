import { INCIDENT_TYPES } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { Link } from 'react-router';
import { useSystems } from '../../data/systems';
import { DrillBadge, NearMissBadge, SeverityBadge, StatusBadge, Tag } from '../../ui/badges';
import { DrillBanner } from '../../ui/drill-banner';
import { TimeText } from '../../ui/time-text';

/** Title, id and classification, and the affected systems, each opening its overview pack. */
export function IncidentHeader({
  incident,
  onOpenSystem,
}: {
  incident: IncidentDetail;
  onOpenSystem(id: string): void;
}) {
  const systems = useSystems();
  const nameOf = (id: string) => systems.data?.find((system) => system.id === id)?.name;
  return (
    <header className="incident-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/incidents">Incidents</Link> / <span aria-current="page">{incident.id}</span>
      </nav>
      {incident.exercise ? <DrillBanner exercise={incident.exercise} what="incident" /> : null}
      <h1>
        <span className="incident-id">{incident.id}</span> {incident.title}
      </h1>
      {incident.summary ? <p className="incident-summary prose">{incident.summary}</p> : null}
      {incident.mergedInto ? (
        <p className="notice small" role="note">
          A duplicate: merged into <Link to={`/incidents/${incident.mergedInto}`}>{incident.mergedInto}</Link>, where
          the response goes on.
        </p>
      ) : null}
      {incident.duplicates && incident.duplicates.length > 0 ? (
        <p className="small muted">
          Duplicates merged in:{' '}
          {incident.duplicates.map((id, index) => (
            <span key={id}>
              {index > 0 ? ', ' : null}
              <Link to={`/incidents/${id}`}>{id}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <div className="badges">
        {incident.exercise ? <DrillBadge exercise={incident.exercise} /> : null}
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
        {incident.nearMiss ? <NearMissBadge /> : null}
        <Tag value={incident.type} title={INCIDENT_TYPES[incident.type].description} />
        <Tag value={incident.category} title="Category: what kind of harm" />
        <Tag value={`driver: ${incident.driver}`} title="Driver: where the failure comes from" />
        <span className="muted small">
          declared by {incident.declaredBy} <TimeText iso={incident.declaredAt} />
        </span>
      </div>
      <div className="system-chips" role="group" aria-label="Affected systems">
        <span className="muted small">Systems:</span>
        {incident.systems.map((id) => (
          <button
            key={id}
            type="button"
            className="chip"
            onClick={() => onOpenSystem(id)}
            aria-haspopup="dialog"
            title="Open the system overview pack"
          >
            {nameOf(id) ? (
              <>
                {nameOf(id)} <span className="muted">{id}</span>
              </>
            ) : (
              <>
                {id} <span className="muted">not catalogued</span>
              </>
            )}
          </button>
        ))}
      </div>
    </header>
  );
}
