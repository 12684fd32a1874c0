import {
  INCIDENT_TYPE_NAMES,
  INCIDENT_TYPES,
  type IncidentType,
  SEVERITIES,
  SEVERITY_ALIASES,
  SEVERITY_INFO,
  type Severity,
} from '@firebreak/core';
import { words } from '../lib/labels';
import { formatDuration } from '../lib/time';

const ALIAS = Object.fromEntries(
  Object.entries(SEVERITY_ALIASES).map(([alias, severity]) => [severity, alias]),
) as Record<Severity, string>;

/** The response SLA of a severity, as one line: `acknowledge within 15m · contain within 1h`. */
export function slaLine(severity: Severity): string {
  const info = SEVERITY_INFO[severity];
  return `acknowledge within ${formatDuration(info.responseMinutes * 60)} · contain within ${formatDuration(info.containMinutes * 60)}`;
}

export interface PickerProps<T> {
  name: string;
  value: T | undefined;
  onChange(value: T): void;
  error?: string | undefined;
  /** Shown beside the current value, e.g. in a change dialog. */
  current?: T;
}

/** The twelve incident types, each with what it means and its default category and driver. */
export function TypePicker({ name, value, onChange, error, current }: PickerProps<IncidentType>) {
  return (
    <fieldset className="choice-group" aria-invalid={error ? true : undefined}>
      <legend>Type</legend>
      <div className="choices choices-two">
        {INCIDENT_TYPE_NAMES.map((type) => {
          const info = INCIDENT_TYPES[type];
          return (
            <label key={type} className={`choice ${value === type ? 'choice-selected' : ''}`}>
              <input
                type="radio"
                name={name}
                value={type}
                checked={value === type}
                onChange={() => onChange(type)}
                required
              />
              <span className="choice-body">
                <span className="choice-title">
                  {words(type)}
                  {current === type ? <span className="muted"> (current)</span> : null}
                </span>
                <span className="choice-text">{info.description}</span>
                <span className="choice-meta">
                  {info.category} · driver {info.driver}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? <div className="field-error">{error}</div> : null}
    </fieldset>
  );
}

/** SEV1..SEV4 with when to use each and the response clocks each starts. */
export function SeverityPicker({ name, value, onChange, error, current }: PickerProps<Severity>) {
  return (
    <fieldset className="choice-group" aria-invalid={error ? true : undefined}>
      <legend>Severity</legend>
      <div className="choices">
        {SEVERITIES.map((severity) => (
          <label key={severity} className={`choice ${value === severity ? 'choice-selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={severity}
              checked={value === severity}
              onChange={() => onChange(severity)}
              required
            />
            <span className="choice-body">
              <span className="choice-title">
                <span className={`badge sev sev-${severity.toLowerCase()}`}>{severity}</span>{' '}
                <span className="muted">{ALIAS[severity]}</span>
                {current === severity ? <span className="muted"> (current)</span> : null}
              </span>
              <span className="choice-text">{SEVERITY_INFO[severity].description}</span>
              <span className="choice-meta">{slaLine(severity)}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <div className="field-error">{error}</div> : null}
    </fieldset>
  );
}
