import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useAlerts } from '../data/alerts';
import { useIncident } from '../data/incidents';
import { useDraftPostmortem, usePostmortemState } from '../data/learning';
import { useSession } from '../data/session';
import { useTimeline } from '../data/timeline';
import { IncidentActionList } from '../features/actions/incident-action-list';
import { CitationOptionsContext } from '../features/postmortem/citation-picker';
import { ExportPanel } from '../features/postmortem/export-panel';
import { FiguresBlock } from '../features/postmortem/figures-block';
import { FindingList } from '../features/postmortem/live-lint';
import { PostmortemHeader } from '../features/postmortem/postmortem-header';
import { citationOptions } from '../features/postmortem/postmortem-text';
import { SectionCard } from '../features/postmortem/section-card';
import { describeEntry } from '../features/timeline/describe-entry';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

/**
 * The postmortem of an incident: drafted from its timeline, figures and records, each section
 * edited on its own with the blameless lint as you type, then reviewed, published and exported;
 * the incident's actions beside it.
 */
export function PostmortemPage() {
  const { id = '' } = useParams();
  useTitle(`${id} postmortem`);
  const { canWrite } = useSession();
  const postmortem = usePostmortemState(id);
  const incident = useIncident(id);
  const timeline = useTimeline(id);
  const alerts = useAlerts({ incident: id });
  const draft = useDraftPostmortem(id);
  const options = useMemo(
    () =>
      citationOptions({
        timeline: (timeline.data ?? []).map((entry) => ({ seq: entry.seq, title: describeEntry(entry).title })),
        evidence: incident.data?.evidence ?? [],
        alerts: (alerts.data ?? []).map((alert) => ({ id: alert.id, title: `${alert.monitor} (${alert.signal})` })),
        decisions: incident.data?.decisions ?? [],
      }),
    [timeline.data, incident.data, alerts.data],
  );

  if (postmortem.isPending) return <Loading what={`the postmortem of ${id}`} />;
  if (postmortem.error)
    return (
      <div className="page">
        <ErrorMessage error={postmortem.error} title={`Cannot load the postmortem of ${id}.`} />
        <Link to={`/incidents/${id}`}>Back to {id}</Link>
      </div>
    );
  const data = postmortem.data;
  if (!data)
    return (
      <div className="page postmortem-page">
        <div className="page-heading">
          <h1>
            Postmortem: <Link to={`/incidents/${id}`}>{id}</Link>
          </h1>
        </div>
        <EmptyState title="No postmortem drafted yet">
          <p>
            Firebreak drafts one from the incident’s own data: its timeline, response figures, impact and the factors
            its decisions and evidence point at. You edit from there.
          </p>
          {canWrite ? (
            <button
              type="button"
              className="button button-primary"
              disabled={draft.isPending}
              onClick={() => draft.mutate({})}
            >
              {draft.isPending ? 'Drafting…' : 'Draft postmortem'}
            </button>
          ) : null}
          <ErrorMessage error={draft.error} title="Not drafted." />
        </EmptyState>
      </div>
    );
  return (
    <CitationOptionsContext.Provider value={options}>
      <div className="page postmortem-page">
        <PostmortemHeader postmortem={data} canEdit={canWrite} />
        <FiguresBlock figures={data.figures} />
        {data.lint.length > 0 ? (
          <section className="panel" aria-labelledby="lint-title">
            <div className="panel-heading">
              <h2 id="lint-title">Blameless lint</h2>
              <span className="muted small">
                {data.lint.length} {data.lint.length === 1 ? 'finding' : 'findings'} in the saved text
              </span>
            </div>
            <FindingList findings={data.lint} showWhere />
          </section>
        ) : null}
        <div className="pm-sections">
          {data.sections.map((section) => (
            <SectionCard key={section.id} postmortem={data} section={section} canEdit={canWrite} />
          ))}
        </div>
        <IncidentActionList incidentId={id} />
        <ExportPanel incidentId={id} />
      </div>
    </CitationOptionsContext.Provider>
  );
}
