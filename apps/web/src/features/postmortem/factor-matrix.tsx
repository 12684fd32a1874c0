import type { ContributingFactor } from '@firebreak/contract';
import { FACTOR_CATEGORIES, FACTOR_LABELS, type FactorCategory } from '@firebreak/core';
import { type FormEvent, useState } from 'react';
import { FormActions } from '../../ui/form-actions';
import { CitationPicker } from './citation-picker';
import { citationText } from './postmortem-text';
import type { SectionEditorProps } from './section-editor';

/**
 * Contributing factors as a matrix by category (data, model, prompt and guardrails,
 * infrastructure, process, detection gaps), each with its description and citations.
 */
export function FactorMatrix({ section, editing, saving, save, cancel }: SectionEditorProps) {
  const factors = section.factors ?? [];
  if (!editing) return <FactorView factors={factors} />;
  return <FactorForm factors={factors} saving={saving} save={(next) => save({ factors: next })} cancel={cancel} />;
}

function FactorView({ factors }: { factors: readonly ContributingFactor[] }) {
  return (
    <div className="factor-matrix">
      {FACTOR_CATEGORIES.map((category) => {
        const here = factors.filter((factor) => factor.category === category);
        return (
          <div
            key={category}
            className={`factor-cell ${here.length > 0 ? '' : 'factor-empty'}`}
            data-category={category}
          >
            <h4>{FACTOR_LABELS[category]}</h4>
            {here.length === 0 ? (
              <p className="muted small">None named.</p>
            ) : (
              <ul className="plain-list">
                {here.map((factor) => (
                  <li key={factor.description} className="factor">
                    {factor.description}
                    {factor.citations.length > 0 ? (
                      <span className="muted small"> [{factor.citations.map(citationText).join(', ')}]</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}

function FactorForm({
  factors,
  saving,
  save,
  cancel,
}: {
  factors: readonly ContributingFactor[];
  saving: boolean;
  save(factors: ContributingFactor[]): void;
  cancel(): void;
}) {
  const [rows, setRows] = useState<ContributingFactor[]>(() => factors.map((factor) => ({ ...factor })));
  const change = (index: number, patch: Partial<ContributingFactor>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const add = (category: FactorCategory) => setRows([...rows, { category, description: '', citations: [] }]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(rows.filter((row) => row.description.trim()).map((row) => ({ ...row, description: row.description.trim() })));
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="factor-matrix">
        {FACTOR_CATEGORIES.map((category) => (
          <fieldset key={category} className="factor-cell" data-category={category}>
            <legend>{FACTOR_LABELS[category]}</legend>
            {rows.map((row, index) =>
              row.category === category ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a factor being typed has no identity but its place
                <div key={index} className="factor-edit">
                  <label className="field-label" htmlFor={`factor-${index}`}>
                    {FACTOR_LABELS[category]} factor{' '}
                    {rows.slice(0, index + 1).filter((r) => r.category === category).length}
                  </label>
                  <textarea
                    id={`factor-${index}`}
                    rows={2}
                    value={row.description}
                    onChange={(e) => change(index, { description: e.target.value })}
                  />
                  <CitationPicker
                    citations={row.citations}
                    onChange={(citations) => change(index, { citations })}
                    label={`${FACTOR_LABELS[category]} factor`}
                  />
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => setRows(rows.filter((_, i) => i !== index))}
                  >
                    Remove factor
                  </button>
                </div>
              ) : null,
            )}
            <button type="button" className="button button-small" onClick={() => add(category)}>
              Add {FACTOR_LABELS[category].toLowerCase()} factor
            </button>
          </fieldset>
        ))}
      </div>
      <FormActions label={'Save factors'} busyLabel="Saving…" busy={saving} onCancel={cancel} />
    </form>
  );
}
