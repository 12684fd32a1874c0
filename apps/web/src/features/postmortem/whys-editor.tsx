import type { WhyChain } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { FormActions } from '../../ui/form-actions';
import { CitationPicker } from './citation-picker';
import { citationText } from './postmortem-text';
import type { SectionEditorProps } from './section-editor';

type Step = WhyChain['steps'][number];
const EMPTY_STEP: Step = { why: '', because: '', citations: [] };

/** Five whys: chains of why/because steps from a problem, each step citing what it rests on. */
export function WhysEditor({ section, editing, saving, save, cancel }: SectionEditorProps) {
  const chains = section.chains ?? [];
  if (!editing)
    return chains.length === 0 ? (
      <p className="muted small">No chain yet: edit to ask why from the problem down to what the system allowed.</p>
    ) : (
      <div className="why-chains">
        {chains.map((chain) => (
          <div key={chain.problem} className="why-chain">
            <strong>{chain.problem}</strong>
            <ol>
              {chain.steps.map((step) => (
                <li key={step.why}>
                  <span className="why">{step.why}</span> <span className="because">{step.because}</span>
                  {step.citations.length > 0 ? (
                    <span className="muted small"> [{step.citations.map(citationText).join(', ')}]</span>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    );
  return <WhysForm chains={chains} saving={saving} save={(next) => save({ chains: next })} cancel={cancel} />;
}

function WhysForm({
  chains,
  saving,
  save,
  cancel,
}: {
  chains: readonly WhyChain[];
  saving: boolean;
  save(chains: WhyChain[]): void;
  cancel(): void;
}) {
  const [rows, setRows] = useState<WhyChain[]>(() =>
    chains.length > 0 ? chains.map((c) => ({ ...c, steps: [...c.steps] })) : [{ problem: '', steps: [EMPTY_STEP] }],
  );
  const setChain = (index: number, chain: WhyChain) => setRows(rows.map((row, i) => (i === index ? chain : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(
      rows
        .map((chain) => ({
          problem: chain.problem.trim(),
          steps: chain.steps.filter((step) => step.why.trim() && step.because.trim()),
        }))
        .filter((chain) => chain.problem && chain.steps.length > 0),
    );
  };
  return (
    <form className="form" onSubmit={submit}>
      {rows.map((chain, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a chain being typed has no identity but its place
        <fieldset key={c} className="why-chain">
          <legend>Chain {c + 1}</legend>
          <label className="field-label" htmlFor={`problem-${c}`}>
            Problem
          </label>
          <input
            id={`problem-${c}`}
            value={chain.problem}
            onChange={(e) => setChain(c, { ...chain, problem: e.target.value })}
          />
          <ol className="why-steps">
            {chain.steps.map((step, s) => {
              const setStep = (patch: Partial<Step>) =>
                setChain(c, { ...chain, steps: chain.steps.map((x, i) => (i === s ? { ...x, ...patch } : x)) });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
                <li key={s} className="why-step">
                  <label className="field-label" htmlFor={`why-${c}-${s}`}>
                    Why {s + 1}
                  </label>
                  <input id={`why-${c}-${s}`} value={step.why} onChange={(e) => setStep({ why: e.target.value })} />
                  <label className="field-label" htmlFor={`because-${c}-${s}`}>
                    Because {s + 1}
                  </label>
                  <input
                    id={`because-${c}-${s}`}
                    value={step.because}
                    onChange={(e) => setStep({ because: e.target.value })}
                  />
                  <CitationPicker
                    citations={step.citations}
                    onChange={(citations) => setStep({ citations })}
                    label={`why ${s + 1} of chain ${c + 1}`}
                  />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="button button-small"
            disabled={chain.steps.length >= 10}
            onClick={() => setChain(c, { ...chain, steps: [...chain.steps, EMPTY_STEP] })}
          >
            Add a why
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => setRows([...rows, { problem: '', steps: [EMPTY_STEP] }])}
      >
        Add a chain
      </button>
      <FormActions label={'Save five whys'} busyLabel="Saving…" busy={saving} onCancel={cancel} />
    </form>
  );
}
