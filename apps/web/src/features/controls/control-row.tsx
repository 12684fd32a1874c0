import type { Control } from '@firebreak/contract';
import { type ControlStateValue, describeState } from '@firebreak/core';
import { useControlDetail } from '../../data/controls';
import { stateTone } from '../../lib/control-tone';
import { words } from '../../lib/labels';
import { DrillBadge } from '../../ui/badges';
import { TimeText } from '../../ui/time-text';
import { ACTION_LABELS, type ActionType, actionsFor } from './control-actions';
import { knownGoodText, revertState } from './control-text';

/** A control's state in plain words, coloured by what it means for the incident. */
export function ControlState({ control }: { control: Pick<Control, 'state'> }) {
  const state = control.state as ControlStateValue;
  return <span className={`control-state tone-${stateTone(state)}`}>{describeState(state)}</span>;
}

/** `kill switch`, `route: prompt`, `human review`… */
export function kindText(control: Pick<Control, 'kind' | 'target'>): string {
  return control.target ? `${words(control.kind)}: ${control.target}` : words(control.kind);
}

interface RowProps {
  control: Control;
  canWrite: boolean;
  onAction(type: ActionType): void;
  onRenew(): void;
}

/** One control in the incident's panel: what it is, its state (and revert time), its last change, and what can be done to it. */
export function ControlRow({ control, canWrite, onAction, onRenew }: RowProps) {
  const detail = useControlDetail(control.key);
  const history = detail.data?.history ?? [];
  const last = history[0];
  const revertTo = control.expiresAt ? revertState(history) : undefined;
  return (
    <tr data-control={control.key}>
      <th scope="row" className="control-what">
        <span className="control-name">{control.name}</span> <span className="muted small">{kindText(control)}</span>
        {control.exercise ? (
          <>
            {' '}
            <DrillBadge exercise={control.exercise} />
          </>
        ) : null}
        {control.description ? <div className="small muted">{control.description}</div> : null}
      </th>
      <td>
        <ControlState control={control} />
        {control.state.kind === 'route' && (control.versions?.length ?? 0) > 1 ? (
          <div className="small muted">{knownGoodText(control.state.knownGood)}</div>
        ) : null}
        {control.expiresAt ? (
          <div className="temporary small">
            Temporary: reverts{revertTo ? ` to ${describeState(revertTo)}` : ''} at{' '}
            <TimeText iso={control.expiresAt} variant="clock" /> (<TimeText iso={control.expiresAt} variant="short" />)
            {canWrite ? (
              <>
                {' '}
                <button
                  type="button"
                  className="button button-small write-only"
                  onClick={onRenew}
                  aria-label={`Renew ${control.key}`}
                >
                  Renew
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </td>
      <td className="control-last">
        <span className="nowrap">
          {last?.actor ?? control.updatedBy} · <TimeText iso={last?.at ?? control.updatedAt} variant="short" />
        </span>
        {last?.reason ? <div className="small muted clamp">{last.reason}</div> : null}
        {last?.approvedBy ? <div className="small muted">approved by {last.approvedBy}</div> : null}
      </td>
      {canWrite ? (
        <td className="control-actions write-only">
          {actionsFor(control).length === 0 ? (
            <span className="small muted">one deployable version: nothing to route to</span>
          ) : null}
          {actionsFor(control).map((type) => (
            <button
              key={type}
              type="button"
              className={`button button-small ${type === 'kill' ? 'button-danger' : ''}`}
              onClick={() => onAction(type)}
              aria-label={`${ACTION_LABELS[type]} ${control.key}`}
              aria-haspopup="dialog"
            >
              {ACTION_LABELS[type]}
            </button>
          ))}
        </td>
      ) : null}
    </tr>
  );
}
