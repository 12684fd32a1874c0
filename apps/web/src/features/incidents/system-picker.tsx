import { useId } from 'react';
import { useSystems } from '../../data/systems';

export interface SystemPickerProps {
  selected: readonly string[];
  onToggle(id: string, on: boolean): void;
  /** Ids typed by hand, for systems not in the catalog yet. */
  other: string;
  onOther(text: string): void;
  error?: string | undefined;
}

/** Pick affected systems from the catalog, or type ids that are not catalogued yet. */
export function SystemPicker({ selected, onToggle, other, onOther, error }: SystemPickerProps) {
  const systems = useSystems();
  const otherId = useId();
  return (
    <fieldset className="choice-group" aria-invalid={error ? true : undefined}>
      <legend>Affected systems</legend>
      {systems.isPending ? <p className="muted">Loading the catalog…</p> : null}
      <div className="choices choices-two">
        {(systems.data ?? []).map((system) => (
          <label key={system.id} className={`choice ${selected.includes(system.id) ? 'choice-selected' : ''}`}>
            <input
              type="checkbox"
              checked={selected.includes(system.id)}
              onChange={(event) => onToggle(system.id, event.target.checked)}
            />
            <span className="choice-body">
              <span className="choice-title">{system.name}</span>
              <span className="choice-meta">
                {system.id} · {system.riskTier} risk · {system.owner}
              </span>
            </span>
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={otherId} className="field-label">
          Other systems <span className="field-optional">(ids, comma-separated; not in the catalog yet)</span>
        </label>
        <input
          id={otherId}
          value={other}
          onChange={(event) => onOther(event.target.value)}
          placeholder="hiring-model"
          spellCheck={false}
        />
      </div>
      {error ? <div className="field-error">{error}</div> : null}
    </fieldset>
  );
}
