import type { Impact } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { formatDuration } from '../../lib/time';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { CitationPicker } from './citation-picker';
import { MarkdownView } from './markdown-view';
import type { SectionEditorProps } from './section-editor';

const EMPTY: Impact = {
  users: null,
  conversations: null,
  decisions: null,
  segments: [],
  durationSeconds: null,
  money: null,
  citations: [],
};

const count = (value: string): number | null => (value.trim() === '' ? null : Math.max(0, Math.round(Number(value))));
const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** The impact section: who and what was affected, as figures each citing where it comes from. */
export function ImpactEditor({ section, editing, saving, save, cancel }: SectionEditorProps) {
  const impact = section.impact ?? EMPTY;
  if (!editing) return <ImpactView impact={impact} body={section.body} />;
  return <ImpactForm impact={impact} saving={saving} save={(next) => save({ impact: next })} cancel={cancel} />;
}

function ImpactView({ impact, body }: { impact: Impact; body: string }) {
  const figure = (name: string, value: string) => (
    <div>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      <dl className="impact-figures">
        {figure('Users', text(impact.users) || '—')}
        {figure('Conversations', text(impact.conversations) || '—')}
        {figure('Automated decisions', text(impact.decisions) || '—')}
        {figure('Duration', formatDuration(impact.durationSeconds))}
        {figure('Money', impact.money ? `${impact.money.amount} ${impact.money.currency}` : '—')}
        {figure('Segments', impact.segments.join(', ') || '—')}
      </dl>
      {impact.citations.length > 0 ? (
        <p className="small muted">Cites {impact.citations.map((c) => c.label ?? `${c.kind} ${c.ref}`).join('; ')}</p>
      ) : null}
      {body ? <MarkdownView markdown={body} /> : null}
    </>
  );
}

function ImpactForm({
  impact,
  saving,
  save,
  cancel,
}: {
  impact: Impact;
  saving: boolean;
  save(impact: Impact): void;
  cancel(): void;
}) {
  const [users, setUsers] = useState(text(impact.users));
  const [conversations, setConversations] = useState(text(impact.conversations));
  const [decisions, setDecisions] = useState(text(impact.decisions));
  const [minutes, setMinutes] = useState(
    impact.durationSeconds === null ? '' : String(Math.round(impact.durationSeconds / 60)),
  );
  const [segments, setSegments] = useState(impact.segments.join(', '));
  const [amount, setAmount] = useState(impact.money ? String(impact.money.amount) : '');
  const [currency, setCurrency] = useState(impact.money?.currency ?? 'EUR');
  const [citations, setCitations] = useState(impact.citations);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const duration = count(minutes);
    save({
      users: count(users),
      conversations: count(conversations),
      decisions: count(decisions),
      durationSeconds: duration === null ? null : duration * 60,
      segments: segments
        .split(',')
        .map((segment) => segment.trim())
        .filter(Boolean),
      money: amount.trim() ? { amount: Number(amount), currency: currency.trim().toUpperCase() } : null,
      citations,
    });
  };
  const number = (label: string, value: string, set: (value: string) => void, hint?: string) => (
    <Field label={label} optional hint={hint}>
      {(props) => (
        <input
          {...props}
          type="number"
          min={0}
          inputMode="numeric"
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form className="form impact-form" onSubmit={submit}>
      <div className="form-grid">
        {number('Users', users, setUsers)}
        {number('Conversations', conversations, setConversations)}
        {number('Automated decisions', decisions, setDecisions, 'Declines, shortlists, answers sent.')}
        {number('Duration (minutes)', minutes, setMinutes)}
        {number('Money', amount, setAmount)}
        <Field label="Currency" hint="ISO 4217, such as EUR.">
          {(props) => <input {...props} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} />}
        </Field>
      </div>
      <Field label="Segments" optional hint="Comma-separated: regions, plans, groups affected.">
        {(props) => <input {...props} value={segments} onChange={(e) => setSegments(e.target.value)} />}
      </Field>
      <CitationPicker citations={citations} onChange={setCitations} label="the impact" />
      <FormActions label={'Save impact'} busyLabel="Saving…" busy={saving} onCancel={cancel} />
    </form>
  );
}
