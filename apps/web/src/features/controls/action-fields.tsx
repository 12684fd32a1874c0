import type { Control } from '@firebreak/contract';
import { FILTER_LEVELS, type FilterLevel } from '@firebreak/core';
import { useState } from 'react';
import { Field } from '../../ui/field';
import type { ActionDraft } from './action-draft';
import { type ActionType, rollbackTargets } from './control-actions';
import { type ConditionType, conditionText, parseCondition } from './control-text';

interface Props {
  control: Control;
  type: ActionType;
  draft: ActionDraft;
  onChange(draft: ActionDraft): void;
  /** The field the draft cannot be read from yet, with what is wrong. */
  problem: { field: keyof ActionDraft; problem: string } | undefined;
  serverIssue(field: string): string | undefined;
}

const FILTER_MEANING: Record<FilterLevel, string> = {
  off: 'No output guardrails beyond the model’s own.',
  standard: 'The app’s usual guardrails (PII redaction, policy checks).',
  strict: 'Everything the guardrails have: the safest, with more refusals.',
};

/** The fields one action needs: versions for routes, rate for throttles, share and conditions for review, a level for filters. */
export function ActionFields({ control, type, draft, onChange, problem, serverIssue }: Props) {
  const set = (patch: Partial<ActionDraft>) => onChange({ ...draft, ...patch });
  const error = (field: keyof ActionDraft, server = field as string) =>
    problem?.field === field ? problem.problem : serverIssue(server);
  const state = control.state;
  const versions = control.versions ?? [];
  const active = state.kind === 'route' ? state.active : undefined;

  if (type === 'rollback' && state.kind === 'route') {
    const targets = rollbackTargets(control);
    const last = state.knownGood.find((v) => v !== active && versions.includes(v));
    return (
      <Field
        label="Roll back to"
        hint="Known-good versions ran before without being rolled back from; any deployable version can be named."
        error={serverIssue('to')}
      >
        {(props) => (
          <select {...props} value={draft.version} onChange={(e) => set({ version: e.target.value })}>
            {last ? (
              <option value="">Last known-good ({last})</option>
            ) : (
              <option value="">Last known-good (none recorded: choose one)</option>
            )}
            {targets.map((version) => (
              <option key={version} value={version}>
                {version}
                {state.knownGood.includes(version) ? ' · known-good' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  if ((type === 'set-active' || type === 'canary') && state.kind === 'route') {
    return (
      <>
        <Field
          label={type === 'canary' ? 'Canary version' : 'Active version'}
          hint={`Deployable, oldest first: ${versions.join(', ')}. Active now: ${active}.`}
          error={error('version', type === 'canary' ? 'canary.version' : 'active')}
        >
          {(props) => (
            <select {...props} value={draft.version} onChange={(e) => set({ version: e.target.value })}>
              {versions
                .filter((v) => v !== active)
                .map((version) => (
                  <option key={version} value={version}>
                    {version}
                    {state.knownGood.includes(version) ? ' · known-good' : ''}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {type === 'canary' ? (
          <div className="form-row">
            <Field label="Share of traffic (%)" error={error('percent', 'canary.percent')}>
              {(props) => (
                <input
                  {...props}
                  inputMode="decimal"
                  value={draft.percent}
                  onChange={(e) => set({ percent: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Sticky by"
              hint="The same user (or tenant) always gets the same version."
              error={error('stickyBy', 'canary.stickyBy')}
            >
              {(props) => (
                <input {...props} value={draft.stickyBy} onChange={(e) => set({ stickyBy: e.target.value })} />
              )}
            </Field>
          </div>
        ) : null}
      </>
    );
  }
  if (type === 'throttle') {
    return (
      <div className="form-row">
        <Field label="Calls allowed" hint="0 lets nothing through." error={error('rate', 'limit.rate')}>
          {(props) => (
            <input {...props} inputMode="numeric" value={draft.rate} onChange={(e) => set({ rate: e.target.value })} />
          )}
        </Field>
        <Field label="Per" hint="1s, 1m, 1h" error={error('per', 'limit.per')}>
          {(props) => <input {...props} value={draft.per} onChange={(e) => set({ per: e.target.value })} />}
        </Field>
        <Field
          label="By"
          optional
          hint="Kept per this attribute (user, tenant); per app instance without it."
          error={error('by', 'limit.by')}
        >
          {(props) => <input {...props} value={draft.by} onChange={(e) => set({ by: e.target.value })} />}
        </Field>
      </div>
    );
  }
  if (type === 'review') return <ReviewFields draft={draft} set={set} error={error} />;
  if (type === 'pause') {
    return (
      <Field
        label="Retry after"
        optional
        hint="How long a worker turned away waits before asking again: 30s, 5m."
        error={error('retryAfter')}
      >
        {(props) => <input {...props} value={draft.retryAfter} onChange={(e) => set({ retryAfter: e.target.value })} />}
      </Field>
    );
  }
  if (type === 'flush') {
    return (
      <Field
        label="Scope"
        optional
        hint="What to flush in the app’s terms (tenant:acme, answers/); everything when empty. Apps drop what they cached."
        error={error('scope', 'flush.scope')}
      >
        {(props) => <input {...props} value={draft.scope} onChange={(e) => set({ scope: e.target.value })} />}
      </Field>
    );
  }
  if (type === 'filter') {
    return (
      <fieldset className="choice-group">
        <legend>Filter level</legend>
        <div className="choices">
          {FILTER_LEVELS.map((level) => (
            <label key={level} className={`choice ${draft.level === level ? 'choice-selected' : ''}`}>
              <input
                type="radio"
                name="filter-level"
                value={level}
                checked={draft.level === level}
                onChange={() => set({ level })}
              />
              <span className="choice-body">
                <span className="choice-title">
                  {level}
                  {state.kind === 'output_filter' && state.level === level ? (
                    <span className="muted"> (current)</span>
                  ) : null}
                </span>
                <span className="choice-text">{FILTER_MEANING[level]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return null;
}

const CONDITION_LABELS: Record<ConditionType, string> = {
  flag: 'Flag',
  segment: 'Segment key=value',
  confidenceBelow: 'Confidence below',
};

function ReviewFields({
  draft,
  set,
  error,
}: {
  draft: ActionDraft;
  set(patch: Partial<ActionDraft>): void;
  error(field: keyof ActionDraft, server?: string): string | undefined;
}) {
  const [type, setType] = useState<ConditionType>('flag');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const add = () => {
    const parsed = parseCondition(type, text);
    if (!parsed.ok) return setProblem(parsed.problem);
    setProblem(undefined);
    setText('');
    set({ when: [...draft.when, parsed.rule] });
  };
  return (
    <>
      <Field
        label="Share of all traffic to review (%)"
        hint="Sampled per item id, so the same item always gets the same answer. 100 reviews everything."
        error={error('share')}
      >
        {(props) => (
          <input {...props} inputMode="decimal" value={draft.share} onChange={(e) => set({ share: e.target.value })} />
        )}
      </Field>
      <fieldset className="choice-group">
        <legend>And any item with</legend>
        {draft.when.length === 0 ? <p className="muted small">No conditions: only the share is reviewed.</p> : null}
        <ul className="condition-list">
          {draft.when.map((rule, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two conditions can read the same; the position is what tells them apart
            <li key={`${conditionText(rule)}-${index}`}>
              <span>{conditionText(rule)}</span>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => set({ when: draft.when.filter((_, i) => i !== index) })}
                aria-label={`Remove condition ${conditionText(rule)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <div className="condition-add">
          <Field label="Condition">
            {(props) => (
              <select {...props} value={type} onChange={(e) => setType(e.target.value as ConditionType)}>
                {(Object.keys(CONDITION_LABELS) as ConditionType[]).map((key) => (
                  <option key={key} value={key}>
                    {CONDITION_LABELS[key]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Value"
            hint={type === 'flag' ? 'pii, secret, policy_violation…' : type === 'segment' ? 'topic=refund' : '0.6'}
            error={problem ?? error('when')}
          >
            {(props) => (
              <input
                {...props}
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    add();
                  }
                }}
              />
            )}
          </Field>
          <button type="button" className="button" onClick={add} disabled={!text.trim()}>
            Add condition
          </button>
        </div>
      </fieldset>
    </>
  );
}
