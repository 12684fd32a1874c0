import type { IncidentRegulatory, Obligation, SetFactRequest } from '@firebreak/contract';
import { type FactName, HARM_CATEGORIES, type HarmCategory, MOMENT_FACTS, VALUE_FACTS } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { useDecideObligation, useRegulatory, useSetFact } from '../../data/regulatory';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { words } from '../../lib/labels';
import { countdown, fromUtcInput } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';

const DAY_MS = 24 * 3_600_000;

/**
 * Regulatory clocks in the war room: the facts that start them (each with who set it and why),
 * the obligations the rule pack opened with a live countdown (red under 24 hours), and the forms
 * to set a fact and to record a filing or why none is owed.
 */
export function RegulatoryPanel({ incident }: { incident: IncidentDetail }) {
  const regulatory = useRegulatory(incident.id);
  const { canWrite } = useSession();
  const now = useNow();
  const data = regulatory.data;
  const pending = data?.obligations.filter((o) => o.state === 'pending') ?? [];
  const urgent = pending.some((o) => Date.parse(o.due) - now.getTime() < DAY_MS);
  return (
    <section className="panel regulatory-panel" id="regulatory" aria-labelledby="regulatory-title" data-urgent={urgent}>
      <div className="panel-heading">
        <h2 id="regulatory-title">Regulatory clocks</h2>
        {data ? (
          <span className={`control-state tone-${urgent ? 'bad' : pending.length > 0 ? 'warn' : 'plain'}`}>
            {pending.length === 0 ? 'none pending' : `${pending.length} pending`}
          </span>
        ) : null}
      </div>
      {regulatory.isPending ? <Loading what="the regulatory clocks" /> : null}
      <ErrorMessage error={regulatory.error} title="Cannot load the regulatory clocks." />
      {data ? (
        <>
          <ObligationList incidentId={incident.id} obligations={data.obligations} writable={canWrite} />
          <FactList facts={data.facts} />
          {canWrite ? <FactForm incidentId={incident.id} /> : null}
        </>
      ) : null}
    </section>
  );
}

function ObligationList({
  incidentId,
  obligations,
  writable,
}: {
  incidentId: string;
  obligations: Obligation[];
  writable: boolean;
}) {
  if (obligations.length === 0)
    return (
      <p className="small muted">
        No obligation is open. Clocks start from facts: set when the team became aware, what was harmed and where.
      </p>
    );
  return (
    <ul className="obligations">
      {obligations.map((obligation) => (
        <ObligationRow key={obligation.id} incidentId={incidentId} obligation={obligation} writable={writable} />
      ))}
    </ul>
  );
}

function ObligationRow({
  incidentId,
  obligation: o,
  writable,
}: {
  incidentId: string;
  obligation: Obligation;
  writable: boolean;
}) {
  const now = useNow();
  const decide = useDecideObligation(incidentId);
  const [form, setForm] = useState<'filed' | 'not_required' | undefined>();
  const [reference, setReference] = useState('');
  const [reportUrl, setReportUrl] = useState('');
  const [justification, setJustification] = useState('');
  const clock = countdown(o.due, now);
  const tone = o.state !== 'pending' ? 'plain' : clock.overdue || clock.remainingMs < DAY_MS ? 'bad' : 'warn';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body =
      form === 'filed'
        ? {
            state: 'filed' as const,
            ...(reference.trim() ? { reference: reference.trim() } : {}),
            ...(reportUrl.trim() ? { reportUrl: reportUrl.trim() } : {}),
          }
        : { state: 'not_required' as const, justification: justification.trim() };
    decide.mutate({ obligation: o.id, ...body }, { onSuccess: () => setForm(undefined) });
  };
  return (
    <li className="obligation" data-obligation={o.id} data-rule={o.ruleId} data-state={o.state} data-tone={tone}>
      <div className="obligation-line">
        <span className={`control-state tone-${tone}`}>{o.state === 'pending' ? clock.text : words(o.state)}</span>{' '}
        <strong>
          {o.regime} {o.article}
        </strong>{' '}
        <span className="muted small">
          ({words(o.stage)}, {o.id}
          {o.system ? ` on ${o.system}` : ''})
        </span>
      </div>
      <div className="small">
        {o.title}: to {o.recipient}, due <TimeText iso={o.due} variant="clock" />
        {o.dueRolled ? (
          <>
            {' '}
            (<TimeText iso={o.dueRolled} variant="clock" /> if the period rolls past a holiday)
          </>
        ) : null}
      </div>
      <div className="small muted">
        Clock from {words(o.trigger)} at <TimeText iso={o.clockStart} variant="clock" />
        {o.governedBy ? ` · governed by ${o.governedBy}` : ''}
        {o.applicability === 'not_yet_applicable' ? ' · not yet applicable on that date' : ''} ·{' '}
        <a href={o.source.url} rel="noreferrer noopener" target="_blank">
          {o.source.citation}
        </a>
      </div>
      {o.state === 'filed' ? (
        <div className="small">
          Filed {o.submittedAt ? <TimeText iso={o.submittedAt} variant="clock" /> : null} by {o.decidedBy}
          {o.reference ? ` · reference ${o.reference}` : ''}
        </div>
      ) : null}
      {o.state === 'not_required' ? (
        <div className="small">
          Not required ({o.decidedBy}): {o.justification}
        </div>
      ) : null}
      {writable && o.state === 'pending' && !form ? (
        <div className="form-actions">
          <button type="button" className="button button-ghost button-small" onClick={() => setForm('filed')}>
            Filed…
          </button>
          <button type="button" className="button button-ghost button-small" onClick={() => setForm('not_required')}>
            Not required…
          </button>
        </div>
      ) : null}
      {form ? (
        <form className="obligation-decision" onSubmit={submit} aria-label={`Decide ${o.id}`}>
          {form === 'filed' ? (
            <>
              <Field label="Reference" optional error={issueFor(decide.error, 'reference')}>
                {(props) => <input {...props} value={reference} onChange={(e) => setReference(e.target.value)} />}
              </Field>
              <Field label="Report as filed (link)" optional error={issueFor(decide.error, 'reportUrl')}>
                {(props) => (
                  <input {...props} type="url" value={reportUrl} onChange={(e) => setReportUrl(e.target.value)} />
                )}
              </Field>
            </>
          ) : (
            <Field
              label="Justification"
              hint="Why no report is owed; who decided is recorded."
              error={issueFor(decide.error, 'justification')}
            >
              {(props) => (
                <textarea
                  {...props}
                  required
                  value={justification}
                  onChange={(e) => setJustification(e.target.value)}
                />
              )}
            </Field>
          )}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={decide.isPending}>
              {form === 'filed' ? 'Record filing' : 'Record not required'}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setForm(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ErrorMessage error={decide.error} title={`Cannot record the decision on ${o.id}.`} />
    </li>
  );
}

function FactList({ facts }: { facts: IncidentRegulatory['facts'] }) {
  if (facts.length === 0) return null;
  return (
    <dl className="facts">
      {facts.map((fact) => (
        <div key={fact.fact} className="fact" data-fact={fact.fact}>
          <dt>{words(fact.fact)}</dt>
          <dd>
            {fact.at ? (
              <TimeText iso={fact.at} variant="clock" />
            ) : Array.isArray(fact.value) ? (
              fact.value.map((v) => words(String(v))).join(', ') || 'none'
            ) : typeof fact.value === 'boolean' ? (
              fact.value ? (
                'yes'
              ) : (
                'no'
              )
            ) : (
              String(fact.value)
            )}{' '}
            <span className="muted small">
              · {fact.setBy}: {fact.reason}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FactForm({ incidentId }: { incidentId: string }) {
  const setFact = useSetFact(incidentId);
  const [fact, setFactName] = useState<FactName>('aware');
  const [at, setAt] = useState('');
  const [value, setValue] = useState('');
  const [harms, setHarms] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const moment = (MOMENT_FACTS as readonly string[]).includes(fact);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = factRequest(fact, { at: fromUtcInput(at), value, harms, reason: reason.trim() });
    setFact.mutate(body, {
      onSuccess: () => {
        setReason('');
        setValue('');
      },
    });
  };
  return (
    <details className="fact-form">
      <summary>Set a fact</summary>
      <form onSubmit={submit} aria-label="Set a fact">
        <Field label="Fact" error={issueFor(setFact.error, 'fact')}>
          {(props) => (
            <select {...props} value={fact} onChange={(e) => setFactName(e.target.value as FactName)}>
              {[...MOMENT_FACTS, ...VALUE_FACTS].map((name) => (
                <option key={name} value={name}>
                  {words(name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {moment ? (
          <Field label="When it happened (UTC)" optional hint="Empty is now." error={issueFor(setFact.error, 'at')}>
            {(props) => <input {...props} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
          </Field>
        ) : fact === 'harms' ? (
          <fieldset className="fact-harms">
            <legend>Harms</legend>
            {HARM_CATEGORIES.map((harm) => (
              <label key={harm} className="check">
                <input
                  type="checkbox"
                  checked={harms.includes(harm)}
                  onChange={(e) => setHarms(e.target.checked ? [...harms, harm] : harms.filter((h) => h !== harm))}
                />{' '}
                {words(harm)}
              </label>
            ))}
          </fieldset>
        ) : CHOICES[fact] ? (
          <Field label="Value" error={issueFor(setFact.error, 'value')}>
            {(props) => (
              <select {...props} required value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="">Choose…</option>
                {CHOICES[fact]?.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field
            label="Value"
            hint={VALUE_HINTS[fact as (typeof VALUE_FACTS)[number]]}
            error={issueFor(setFact.error, 'value')}
          >
            {(props) => <input {...props} required value={value} onChange={(e) => setValue(e.target.value)} />}
          </Field>
        )}
        <Field
          label="Why"
          hint="What the fact rests on: it goes on the timeline."
          error={issueFor(setFact.error, 'reason')}
        >
          {(props) => <input {...props} required value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={setFact.isPending}>
            Set fact
          </button>
        </div>
        <ErrorMessage error={setFact.error} title="Cannot set the fact." />
      </form>
    </details>
  );
}

const CHOICES: Partial<Record<FactName, readonly string[]>> = {
  widespread_infringement: ['yes', 'no'],
  imminent_risk: ['yes', 'no'],
  unsecured_phi: ['yes', 'no'],
  personal_data_risk: ['unlikely', 'risk', 'high'],
};

const VALUE_HINTS: Record<(typeof VALUE_FACTS)[number], string> = {
  harms: '',
  jurisdictions: 'ISO codes, comma separated: DE, FR, US-CA',
  people_affected: 'A whole number',
  widespread_infringement: 'yes or no',
  imminent_risk: 'yes or no',
  unsecured_phi: 'yes or no',
  personal_data_risk: 'unlikely, risk or high',
};

/** The request for a fact as the form holds it; the server names the field when a value is wrong. */
export function factRequest(
  fact: FactName,
  input: { at: string | undefined; value: string; harms: string[]; reason: string },
): SetFactRequest {
  const reason = input.reason;
  switch (fact) {
    case 'harms':
      return {
        fact,
        value: input.harms as HarmCategory[],
        reason,
      };
    case 'jurisdictions':
      return {
        fact,
        value: input.value
          .split(',')
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean),
        reason,
      };
    case 'people_affected':
      return { fact, value: Number(input.value), reason };
    case 'widespread_infringement':
    case 'imminent_risk':
    case 'unsecured_phi':
      return { fact, value: input.value === 'yes', reason };
    case 'personal_data_risk':
      return { fact, value: input.value.trim() as 'unlikely' | 'risk' | 'high', reason };
    default:
      return { fact, ...(input.at ? { at: input.at } : {}), reason };
  }
}
