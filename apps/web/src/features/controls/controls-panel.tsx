import type { Control } from '@firebreak/contract';
import type { IncidentDetail } from '@firebreak/sdk';
import { forwardRef, type ReactNode, useMemo, useState } from 'react';
import { useControls, usePendingApprovals } from '../../data/controls';
import { useIncidentList } from '../../data/incidents';
import { useLiveFeed } from '../../data/live-feed';
import { useSession } from '../../data/session';
import { useSystems } from '../../data/systems';
import { ErrorMessage } from '../../ui/error-message';
import { LiveIndicator } from '../../ui/live-indicator';
import { EmptyState, Loading } from '../../ui/states';
import type { ActionType } from './control-actions';
import { ControlRow } from './control-row';
import { byUrgency, CONTROLS_EXAMPLE, seriousOn } from './control-text';
import { LazyControlDialog as ControlDialog, LazyRenewDialog as RenewDialog } from './lazy-dialogs';
import { PendingApprovals } from './pending-approvals';
import { SystemPresets } from './presets';

const OPEN = { open: true, limit: 500 } as const;

/**
 * The containment levers of the incident's systems: each control's state in words, temporary
 * ones with their revert time, the last change, and every change behind a dialog that asks why.
 * Control events on the live feed keep it current.
 */
export const ControlsPanel = forwardRef<
  HTMLElement,
  /** `reviewCounts`: what the review queue holds for the incident, shown above the controls (the page passes it in). */
  { incident: IncidentDetail; reviewCounts?: ReactNode }
>(function ControlsPanel({ incident, reviewCounts }, ref) {
  const { canWrite, me } = useSession();
  const live = useLiveFeed();
  const systems = useSystems();
  const controls = useControls(incident.systems);
  const approvals = usePendingApprovals();
  const open = useIncidentList(OPEN);
  const [acting, setActing] = useState<{ key: string; type: ActionType | undefined }>();
  const [renewing, setRenewing] = useState<{ key: string; open: boolean }>();
  const byKey = useMemo(() => new Map((controls.data ?? []).map((control) => [control.key, control])), [controls.data]);
  const mine = (approvals.data ?? []).filter((approval) =>
    incident.systems.some((system) => approval.key.startsWith(`${system}.`)),
  );
  // A finished incident's page shows the controls as they are now, for reference: they are changed
  // from an open incident (or the system page), not from a postmortem.
  const finished = incident.status === 'resolved' || incident.status === 'closed' || incident.status === 'dismissed';
  const editable = canWrite && !finished;
  // This incident as the page has it (a severity raised a moment ago counts before the list is re-read).
  const serious = (system: string) =>
    seriousOn([incident, ...(open.data?.incidents ?? []).filter((other) => other.id !== incident.id)], system);
  const actingOn = acting ? byKey.get(acting.key) : undefined;
  const renewOn = renewing ? byKey.get(renewing.key) : undefined;
  const groups = incident.systems.map((system) => ({
    system,
    name: systems.data?.find((s) => s.id === system)?.name,
    controls: byUrgency((controls.data ?? []).filter((c) => c.system === system)),
  }));
  const bare = groups.filter((group) => group.controls.length === 0).map((group) => group.system);

  return (
    <section className="panel controls-panel" id="controls" tabIndex={-1} ref={ref} aria-labelledby="controls-title">
      <div className="panel-heading">
        <h2 id="controls-title">Controls</h2>
        <span className="muted small">
          containment levers apps obey within a second
          <span className="shortcut-hint">
            {' '}
            · <kbd>k</kbd>
          </span>
        </span>
        <LiveIndicator state={live} />
      </div>
      {finished ? (
        <p className="muted small" data-testid="controls-finished">
          {incident.id} is {incident.status}: this is the controls’ state now, not at the time. Their changes during the
          incident are on its timeline.
        </p>
      ) : null}
      {reviewCounts}
      {controls.isPending ? <Loading what="controls" /> : null}
      <ErrorMessage error={controls.error} title="Cannot load the controls." />
      <ErrorMessage error={approvals.error} title="Cannot load pending approvals." />
      <PendingApprovals approvals={mine} controls={byKey} me={me.name} canWrite={editable} />
      {groups
        .filter((group) => group.controls.length > 0)
        .map((group) => (
          <SystemGroup
            key={group.system}
            system={group.system}
            name={group.name}
            controls={group.controls}
            canWrite={editable}
            incidentId={incident.id}
            onAction={(key, type) => setActing({ key, type })}
            onRenew={(key) => setRenewing({ key, open: true })}
          />
        ))}
      {controls.data && bare.length > 0 ? (
        <EmptyState
          title={
            bare.length === incident.systems.length
              ? 'No controls on these systems yet'
              : `No controls on ${bare.join(', ')}`
          }
        >
          <p>
            Controls are declared on the system card, so a responder can kill a capability, roll back a model or prompt,
            start a canary, throttle, route answers to people or tighten filters without a deploy. Add them under the
            system in <code>firebreak.yaml</code> and apply it; apps read them with <code>FirebreakControls</code> from
            the SDK.
          </p>
          <pre>
            <code>{CONTROLS_EXAMPLE}</code>
          </pre>
        </EmptyState>
      ) : null}
      {actingOn && acting ? (
        <ControlDialog
          control={actingOn}
          type={acting.type}
          incidentId={incident.id}
          openHighSeverity={serious(actingOn.system)}
          onClose={() => setActing({ key: acting.key, type: undefined })}
        />
      ) : null}
      {renewOn && renewing ? (
        <RenewDialog
          control={renewOn}
          open={renewing.open}
          onClose={() => setRenewing({ key: renewing.key, open: false })}
        />
      ) : null}
    </section>
  );
});

interface GroupProps {
  system: string;
  name: string | undefined;
  controls: readonly Control[];
  canWrite: boolean;
  incidentId: string;
  onAction(key: string, type: ActionType): void;
  onRenew(key: string): void;
}

function SystemGroup({ system, name, controls, canWrite, incidentId, onAction, onRenew }: GroupProps) {
  const id = `controls-${system}`;
  return (
    <div className="control-group">
      <h3 id={id}>
        {name ?? system} <span className="muted small mono">{system}</span>
      </h3>
      <SystemPresets system={system} incidentId={incidentId} canWrite={canWrite} />
      <div className="table-wrap">
        <table className="table control-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col" className="col-control">
                Control
              </th>
              <th scope="col" className="col-state">
                State
              </th>
              <th scope="col" className="col-last">
                Last change
              </th>
              {canWrite ? (
                <th scope="col" className="write-only">
                  Change
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {controls.map((control) => (
              <ControlRow
                key={control.key}
                control={control}
                canWrite={canWrite}
                onAction={(type) => onAction(control.key, type)}
                onRenew={() => onRenew(control.key)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
