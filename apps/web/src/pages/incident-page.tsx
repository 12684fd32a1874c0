import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useIncident } from '../data/incidents';
import { useSession } from '../data/session';
import { useLiveTimeline } from '../data/timeline';
import { IncidentAlerts } from '../features/alerts/incident-alerts';
import { CanaryEntryChart } from '../features/canary/canary-entry-chart';
import { CanaryPanel } from '../features/canary/canary-panel';
import { ControlsPanel } from '../features/controls/controls-panel';
import { SystemControls } from '../features/controls/system-controls';
import { DecisionLog } from '../features/decisions/decision-log';
import { EvidenceList } from '../features/evidence/evidence-list';
import { IncidentActions } from '../features/incident/incident-actions';
import { IncidentClocks } from '../features/incident/incident-clocks';
import { IncidentHeader } from '../features/incident/incident-header';
import { RolesPanel } from '../features/incident/roles-panel';
import { SummaryStrip } from '../features/incident/summary-strip';
import { IncidentNotifications } from '../features/notifications/incident-notifications';
import { PostmortemLink } from '../features/postmortem/postmortem-link';
import { RelatedIncidentsPanel } from '../features/postmortem/related-incidents';
import { RecoveryPanel } from '../features/recovery/recovery-panel';
import { RegulatoryPanel } from '../features/regulatory/regulatory-panel';
import { ReviewCounts } from '../features/review/review-counts';
import { ComposerDialog } from '../features/status-updates/composer-dialog';
import { UpdateList } from '../features/status-updates/update-list';
import { SystemDrawer } from '../features/systems/system-drawer';
import { TimelinePanel } from '../features/timeline/timeline-panel';
import { isEditable } from '../lib/finished';
import { ErrorMessage } from '../ui/error-message';
import { useShortcut } from '../ui/shortcuts';
import { Loading } from '../ui/states';
import { useNarrow } from '../ui/use-narrow';
import { useTitle } from '../ui/use-title';

/** The war room of one incident: who, what, clocks, actions, the live timeline and the records. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { canWrite } = useSession();
  const incident = useIncident(id);
  useTitle(incident.data ? `${incident.data.id} ${incident.data.title}` : id);
  const live = useLiveTimeline(id);
  const [composing, setComposing] = useState(false);
  const [system, setSystem] = useState<string>();
  const warnings = (location.state as { warnings?: string[] } | null)?.warnings ?? [];
  const controls = useRef<HTMLElement>(null);
  const narrow = useNarrow();
  const editable = incident.data !== undefined && isEditable(incident.data.status);
  useShortcut('u', () => setComposing(true), canWrite && !narrow && editable);
  useShortcut(
    'k',
    () => {
      controls.current?.scrollIntoView({ block: 'start' });
      controls.current?.focus({ preventScroll: true });
    },
    incident.data !== undefined,
  );

  if (incident.isPending) return <Loading what={id} />;
  if (incident.isError) {
    return (
      <div className="page">
        <ErrorMessage error={incident.error} title={`Cannot load ${id}.`} />
        <p>
          <Link to="/incidents">Back to incidents</Link>
        </p>
      </div>
    );
  }
  const data = incident.data;
  return (
    <div className="page incident-page">
      <IncidentHeader incident={data} onOpenSystem={setSystem} />
      <SummaryStrip incident={data} />
      {warnings.length > 0 ? (
        <div className="warning" role="status">
          <strong>Declared, with warnings:</strong>
          <ul>
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* On a phone, acknowledging comes before the clocks, so it is on the first screen a page opens. */}
      {canWrite && narrow ? <IncidentActions incident={data} onCompose={() => setComposing(true)} /> : null}
      <IncidentClocks incident={data} />
      {canWrite && !narrow ? <IncidentActions incident={data} onCompose={() => setComposing(true)} /> : null}
      <PostmortemLink incident={data} />
      <RelatedIncidentsPanel incidentId={data.id} />
      <div className="incident-grid">
        <div className="incident-main">
          <TimelinePanel incidentId={data.id} live={live} attachment={(entry) => <CanaryEntryChart entry={entry} />} />
          <ControlsPanel incident={data} ref={controls} reviewCounts={<ReviewCounts incidentId={data.id} />} />
          <CanaryPanel systems={data.systems} />
          <RecoveryPanel incident={data} />
          <IncidentAlerts incidentId={data.id} />
          <IncidentNotifications incident={data} />
          <DecisionLog incident={data} />
          <EvidenceList incident={data} />
          <UpdateList incident={data} onCompose={() => setComposing(true)} />
        </div>
        <aside className="incident-side" aria-label="Roles">
          <RolesPanel incident={data} />
          <RegulatoryPanel incident={data} />
        </aside>
      </div>
      {canWrite && editable ? <ComposerDialog incident={data} open={composing} onOpenChange={setComposing} /> : null}
      <SystemDrawer
        systemId={system}
        onClose={() => setSystem(undefined)}
        controls={(id) => <SystemControls system={id} headingLevel={3} />}
      />
    </div>
  );
}
