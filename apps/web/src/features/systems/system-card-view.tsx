import type { AiSystem } from '@firebreak/contract';
import type { ReactNode } from 'react';
import { formatCount, words } from '../../lib/labels';
import { Tag } from '../../ui/badges';
import { TimeText } from '../../ui/time-text';

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="card-row">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function List({ items, empty = '—' }: { items: readonly string[]; empty?: string }) {
  return items.length > 0 ? items.join(', ') : <span className="muted">{empty}</span>;
}

/** The system card: everything a responder needs about an AI system at 3 a.m., on one screen. */
export function SystemCardView({ system }: { system: AiSystem }) {
  const model = `${system.model.name}@${system.model.version}${system.model.provider ? ` (${system.model.provider})` : ''}`;
  return (
    <div className="system-card">
      {system.description ? <p className="prose">{system.description}</p> : null}
      <dl className="card-grid">
        <Row name="Model">
          <code>{model}</code>
        </Row>
        <Row name="Prompt template">
          {system.promptTemplateVersion ? (
            <code>{system.promptTemplateVersion}</code>
          ) : (
            <span className="muted">—</span>
          )}
        </Row>
        <Row name="Safety policy">
          {system.safetyPolicyVersion ? <code>{system.safetyPolicyVersion}</code> : <span className="muted">—</span>}
        </Row>
        <Row name="Risk tier">
          <Tag value={system.riskTier} title="Risk tier in the EU AI Act sense" className={`risk-${system.riskTier}`} />
        </Row>
        <Row name="Owner">{system.owner}</Row>
        <Row name="On call">{system.onCall ?? <span className="muted">—</span>}</Row>
        <Row name="Runbook">
          {system.runbook ? (
            <a href={system.runbook} target="_blank" rel="noreferrer noopener">
              {system.runbook}
            </a>
          ) : (
            <span className="muted">none linked</span>
          )}
        </Row>
        <Row name="Dashboards">
          {system.dashboards.length > 0 ? (
            system.dashboards.map((dashboard, index) => (
              <span key={dashboard.url}>
                {index > 0 ? ' · ' : ''}
                <a href={dashboard.url} target="_blank" rel="noreferrer noopener">
                  {dashboard.name}
                </a>
              </span>
            ))
          ) : (
            <span className="muted">none linked</span>
          )}
        </Row>
        <Row name="Blast radius">
          {formatCount(system.blastRadius.users)} users · regions <List items={system.blastRadius.regions} /> · tenants{' '}
          <List items={system.blastRadius.tenants} />
        </Row>
        <Row name="Jurisdictions">
          <List items={system.jurisdictions} />
        </Row>
        <Row name="Personal data">
          {system.personalData.processed ? (
            <>yes: {system.personalData.categories.join(', ') || 'categories not listed'}</>
          ) : (
            'none processed'
          )}
        </Row>
        <Row name="Intended use">{system.intendedUse ?? <span className="muted">—</span>}</Row>
      </dl>
      <h3>Dependencies</h3>
      {system.dependencies.length > 0 ? (
        <ul className="plain-list">
          {system.dependencies.map((dependency) => (
            <li key={`${dependency.kind}:${dependency.name}`}>
              <strong>{dependency.name}</strong> <span className="muted">{words(dependency.kind)}</span>
              {dependency.version ? <code> {dependency.version}</code> : null}
              {dependency.vendor ? <span className="muted"> · {dependency.vendor}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None listed.</p>
      )}
      <h3>Known limits</h3>
      {system.knownLimits.length > 0 ? (
        <ul className="plain-list">
          {system.knownLimits.map((limit) => (
            <li key={limit}>{limit}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None listed.</p>
      )}
      <p className="small muted">
        Revision {system.revision}, updated by {system.updatedBy} <TimeText iso={system.updatedAt} variant="short" />
        {system.tags.length > 0 ? <> · tags {system.tags.join(', ')}</> : null}
      </p>
    </div>
  );
}
