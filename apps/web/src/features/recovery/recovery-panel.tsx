import type { RecoveryGate } from '@firebreak/contract';
import { isOpen } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { useRecoveryCheck, useRecoveryGate } from '../../data/recovery';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';

type Item = RecoveryGate['items'][number];

const STATE_TONES: Record<Item['state'], string> = { passed: 'ok', failed: 'bad', pending: 'plain' };
const VERIFICATION: Record<RecoveryGate['verification']['state'], { label: string; tone: string }> = {
  not_contained: { label: 'not contained', tone: 'plain' },
  watching: { label: 'watching', tone: 'warn' },
  verified: { label: 'verified', tone: 'ok' },
  still_firing: { label: 'still firing', tone: 'bad' },
};

/**
 * What must hold before containment is lifted: the incident's recovery checklist with each
 * item's last result, a button to run Firebreak's checks and a form to attest (with a link),
 * and whether the monitors that fired have stayed quiet since containment.
 */
export function RecoveryPanel({ incident }: { incident: IncidentDetail }) {
  const gate = useRecoveryGate(incident.id);
  const { canWrite } = useSession();
  const writable = canWrite && isOpen(incident.status);
  const data = gate.data;
  return (
    <section className="panel recovery-panel" id="recovery" aria-labelledby="recovery-title">
      <div className="panel-heading">
        <h2 id="recovery-title">Recovery gate</h2>
        {data ? (
          <span className={`control-state tone-${data.passed ? 'ok' : data.required ? 'bad' : 'plain'}`}>
            {data.passed ? 'passed' : data.required ? 'holds containment' : 'not required'}
          </span>
        ) : null}
      </div>
      {gate.isPending ? <Loading what="the recovery gate" /> : null}
      <ErrorMessage error={gate.error} title="Cannot load the recovery gate." />
      {data ? (
        <>
          <p className="small muted">
            {data.required
              ? 'Widening traffic again (re-enabling, rolling forward, loosening a filter, throttle or review) is refused until every item passes.'
              : isOpen(incident.status)
                ? `${incident.severity} is not gated: widening traffic waits only for approvals.`
                : `${incident.id} is ${incident.status}: its gate holds nothing back any more.`}
          </p>
          <ul className="recovery-items">
            {data.items.map((item) => (
              <RecoveryItemRow key={item.id} incidentId={incident.id} item={item} writable={writable} />
            ))}
          </ul>
          <p className="recovery-verification" data-state={data.verification.state}>
            <span className={`control-state tone-${VERIFICATION[data.verification.state].tone}`}>
              {VERIFICATION[data.verification.state].label}
            </span>{' '}
            <span className="small">{data.verification.summary}</span>
          </p>
        </>
      ) : null}
    </section>
  );
}

function RecoveryItemRow({ incidentId, item, writable }: { incidentId: string; item: Item; writable: boolean }) {
  const check = useRecoveryCheck(incidentId);
  const [attesting, setAttesting] = useState(false);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.mutate(
      { item: item.id, url: url.trim(), ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => setAttesting(false) },
    );
  };
  return (
    <li className="recovery-item" data-item={item.id} data-state={item.state}>
      <div className="recovery-item-line">
        <span className={`control-state tone-${STATE_TONES[item.state]}`}>{item.state}</span> <strong>{item.id}</strong>{' '}
        <span className="muted small">({item.kind})</span>
        {writable && item.kind !== 'attestation' ? (
          <button
            type="button"
            className="button button-ghost button-small write-only"
            disabled={check.isPending}
            onClick={() => check.mutate({ item: item.id })}
          >
            {check.isPending ? 'Checking…' : item.state === 'pending' ? 'Run check' : 'Check again'}
          </button>
        ) : null}
        {writable && item.kind === 'attestation' && !attesting ? (
          <button
            type="button"
            className="button button-ghost button-small write-only"
            onClick={() => setAttesting(true)}
          >
            Attest…
          </button>
        ) : null}
      </div>
      <div className="small">{item.what}</div>
      {item.summary ? (
        <div className="small muted">
          {item.summary}
          {item.by ? ` · ${item.by}` : ''}
          {item.at ? (
            <>
              {' '}
              · <TimeText iso={item.at} variant="short" />
            </>
          ) : null}
          {item.url ? (
            <>
              {' '}
              ·{' '}
              <a href={item.url} rel="noreferrer noopener" target="_blank">
                what shows it
              </a>
            </>
          ) : null}
        </div>
      ) : null}
      {attesting ? (
        <form className="recovery-attest" onSubmit={submit}>
          <Field
            label="Link"
            hint="The test run, document or change that shows it. Someone other than whoever lifts containment must attest."
            error={issueFor(check.error, 'url')}
          >
            {(props) => <input {...props} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />}
          </Field>
          <Field label="Note" optional>
            {(props) => <input {...props} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={check.isPending}>
              Attest
            </button>
            <button type="button" className="button button-ghost" onClick={() => setAttesting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {!attesting ? <ErrorMessage error={check.error} title={`Cannot check ${item.id}.`} /> : null}
    </li>
  );
}
