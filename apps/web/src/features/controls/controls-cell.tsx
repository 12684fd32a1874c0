import type { Control } from '@firebreak/contract';
import { TimeText } from '../../ui/time-text';
import { ControlState } from './control-row';
import { byUrgency } from './control-text';

/** A system's controls in a catalog row: each one's state in words, temporary ones marked, the last change on hover. */
export function ControlsCell({ controls, loaded }: { controls: readonly Control[]; loaded: boolean }) {
  if (controls.length === 0) return <span className="muted">{loaded ? 'none declared' : '…'}</span>;
  return (
    <ul className="controls-cell">
      {byUrgency(controls).map((control) => (
        <li key={control.key} title={`${control.key}: changed by ${control.updatedBy} at ${control.updatedAt}`}>
          <span className="control-name">{control.name}</span> <ControlState control={control} />
          {control.expiresAt ? (
            <span className="small temporary">
              {' '}
              until <TimeText iso={control.expiresAt} variant="clock" />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
