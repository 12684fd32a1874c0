import type { Control, ControlChange } from '@firebreak/contract';
import { type ControlStateValue, describeState } from '@firebreak/core';
import { Link } from 'react-router';
import { useControlDetail, useControls } from '../../data/controls';
import { words } from '../../lib/labels';
import { DrillBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { EmptyState, Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { ControlState, kindText } from './control-row';
import { byUrgency, CONTROLS_EXAMPLE } from './control-text';
import { RouteBundles } from './route-bundles';

/**
 * A system's controls with their state and recent history (who, when, why, before → after), for
 * the system page and its overview drawer. Changes are made from an incident's controls panel.
 */
export function SystemControls({
  system,
  shown = 3,
  headingLevel = 2,
}: {
  system: string;
  shown?: number;
  headingLevel?: 2 | 3;
}) {
  const controls = useControls([system]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="system-controls" aria-labelledby={`system-controls-${system}`}>
      <Heading id={`system-controls-${system}`}>Controls</Heading>
      {controls.isPending ? <Loading what="controls" /> : null}
      <ErrorMessage error={controls.error} title="Cannot load this system’s controls." />
      {controls.data?.length === 0 ? (
        <EmptyState title="No controls declared">
          <p>
            With controls on its card, a responder can switch a capability off, roll back its model or prompt, canary a
            version, throttle, send answers to people or tighten filters, and the app obeys within a second. Declare
            them under the system in <code>firebreak.yaml</code>:
          </p>
          <pre>
            <code>{CONTROLS_EXAMPLE}</code>
          </pre>
        </EmptyState>
      ) : null}
      {controls.data && controls.data.length > 0 ? (
        <ul className="system-control-list">
          {byUrgency(controls.data).map((control) => (
            <SystemControl key={control.key} control={control} shown={shown} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SystemControl({ control, shown }: { control: Control; shown: number }) {
  const detail = useControlDetail(control.key);
  const history = detail.data?.history ?? [];
  return (
    <li className="system-control" data-control={control.key}>
      <div className="system-control-head">
        <span className="control-name">{control.name}</span> <span className="muted small">{kindText(control)}</span>{' '}
        {control.exercise ? <DrillBadge exercise={control.exercise} /> : null}
        <ControlState control={control} />
        {control.expiresAt ? (
          <span className="small temporary">
            temporary, reverts <TimeText iso={control.expiresAt} variant="clock" />
          </span>
        ) : null}
        {control.incidentId ? (
          <span className="small">
            for <Link to={`/incidents/${control.incidentId}`}>{control.incidentId}</Link>
          </span>
        ) : null}
      </div>
      <RouteBundles control={control} />
      {detail.isPending ? <span className="small muted">Loading history…</span> : null}
      {history.length > 0 ? (
        <ol className="control-history" aria-label={`Recent changes to ${control.key}`}>
          {history.slice(0, shown).map((change) => (
            <HistoryLine key={change.seq} change={change} />
          ))}
        </ol>
      ) : null}
      {history.length > shown ? (
        <details className="small">
          <summary>
            {history.length - shown} earlier change{history.length - shown === 1 ? '' : 's'}
          </summary>
          <ol className="control-history">
            {history.slice(shown).map((change) => (
              <HistoryLine key={change.seq} change={change} />
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

function HistoryLine({ change }: { change: ControlChange }) {
  const what = change.before
    ? `${describeState(change.before as ControlStateValue)} → ${describeState(change.after as ControlStateValue)}`
    : describeState(change.after as ControlStateValue);
  return (
    <li className="small">
      <TimeText iso={change.at} variant="clock" /> <strong>{change.actor}</strong>{' '}
      <span className="muted">{words(change.action)}</span> <code>{what}</code>
      {change.reason ? <span className="muted"> · {change.reason}</span> : null}
      {change.approvedBy ? <span className="muted"> · approved by {change.approvedBy}</span> : null}
      {change.incidentId ? (
        <>
          {' '}
          · <Link to={`/incidents/${change.incidentId}`}>{change.incidentId}</Link>
        </>
      ) : null}
    </li>
  );
}
