import type { Citation } from '@firebreak/contract';
import { createContext, useContext, useId, useState } from 'react';
import { type CitationOption, citationKey, citationText } from './postmortem-text';

/** What the incident offers to cite, provided once by the postmortem page. */
export const CitationOptionsContext = createContext<CitationOption[]>([]);

/**
 * The citations of a statement as chips (each removable) and a picker of the incident's timeline
 * entries, evidence, alerts and decisions to add one.
 */
export function CitationPicker({
  citations,
  onChange,
  label,
}: {
  citations: readonly Citation[];
  onChange(next: Citation[]): void;
  /** What the citations support, for the picker's accessible name. */
  label: string;
}) {
  const options = useContext(CitationOptionsContext);
  const [choice, setChoice] = useState('');
  const id = useId();
  const cited = new Set(citations.map(citationKey));
  const add = () => {
    const option = options.find((candidate) => citationKey(candidate) === choice);
    if (!option) return;
    onChange([...citations, { kind: option.kind, ref: option.ref, label: option.label.slice(0, 300) }]);
    setChoice('');
  };
  return (
    <div className="citations">
      <ul className="citation-chips" aria-label={`Citations of ${label}`}>
        {citations.map((citation) => (
          <li key={citationKey(citation)} className="citation-chip" title={citation.label}>
            <span>{citationText(citation)}</span>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Remove citation ${citationText(citation)} from ${label}`}
              onClick={() => onChange(citations.filter((c) => citationKey(c) !== citationKey(citation)))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <label className="visually-hidden" htmlFor={id}>
        Cite for {label}
      </label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)} className="citation-select">
        <option value="">Cite…</option>
        {options
          .filter((option) => !cited.has(citationKey(option)))
          .map((option) => (
            <option key={citationKey(option)} value={citationKey(option)}>
              {option.label.length > 90 ? `${option.label.slice(0, 89)}…` : option.label}
            </option>
          ))}
      </select>
      <button type="button" className="button button-small" onClick={add} disabled={!choice}>
        Add citation
      </button>
    </div>
  );
}
