import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useIncidentChange } from '../../data/incidents';
import { useAcceptResidualRisk, useCloseCheck, useWaiveClose } from '../../data/learning';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';

const REQUIREMENT: Record<string, string> = {
  postmortem: 'Published postmortem',
  residual_risk: 'Residual risk accepted',
};

/**
 * Closes a resolved incident, saying first what closing still needs (the close check): a
 * published postmortem and a named person accepting the residual risk for a SEV1/SEV2. The
 * risk can be accepted here, an admin can waive either with a reason, and Close is enabled
 * only when the server says the incident is ready.
 */
export function CloseDialog({ incident, open, onClose }: { incident: IncidentDetail; open: boolean; onClose(): void }) {
  const check = useCloseCheck(incident.id, open);
  const [reason, setReason] = useState('');
  const close = useIncidentChange(incident.id, (client, input: { reason?: string }) =>
    client.transition(incident.id, { status: 'closed', ...input }),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens, not on every edit
  useEffect(() => {
    if (!open) return;
    setReason('');
    close.reset();
    void check.refetch();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate(reason.trim() ? { reason: reason.trim() } : {}, { onSuccess: onClose });
  };
  const data = check.data;
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Close ${incident.id}`}
      description="Final: nothing changes after this. Closing checks what the incident still needs first."
    >
      {check.isPending ? <Loading what="what closing needs" /> : null}
      <ErrorMessage error={check.error} title="Cannot check what closing needs." />
      {data ? (
        <div className="close-check">
          {data.missing.length > 0 ? (
            <div className="warning" role="status">
              <strong>Before {incident.id} can close:</strong>
              <ul className="missing-list">
                {data.missing.map((item) => (
                  <li key={item.requirement} data-requirement={item.requirement}>
                    <strong>{REQUIREMENT[item.requirement] ?? item.requirement}</strong>: {item.message}
                    {item.requirement === 'postmortem' ? (
                      <>
                        {' '}
                        <Link to={`/incidents/${incident.id}/postmortem`}>
                          {data.postmortem ? 'Open the postmortem' : 'Draft the postmortem'}
                        </Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="notice" role="status">
              {data.ready
                ? `Ready to close${data.required ? ': postmortem published and residual risk accepted.' : '.'}`
                : `${incident.id} is ${data.status}: only a resolved incident closes.`}
            </p>
          )}
          <dl className="close-facts">
            <div>
              <dt>Postmortem</dt>
              <dd>{data.postmortem ? data.postmortem.replace('_', ' ') : 'none drafted'}</dd>
            </div>
            <div>
              <dt>Residual risk</dt>
              <dd>
                {data.residualRisk ? (
                  <>
                    accepted by <strong>{data.residualRisk.acceptedBy}</strong> <TimeText iso={data.residualRisk.at} />:{' '}
                    {data.residualRisk.risk}
                  </>
                ) : (
                  'not accepted'
                )}
              </dd>
            </div>
            <div>
              <dt>Open actions</dt>
              <dd>{data.openActions === 0 ? 'none' : `${data.openActions} (they do not stop closing)`}</dd>
            </div>
            {data.waived.map((waiver) => (
              <div key={waiver.requirement}>
                <dt>Waived: {REQUIREMENT[waiver.requirement] ?? waiver.requirement}</dt>
                <dd>
                  by {waiver.by}: {waiver.reason}
                </dd>
              </div>
            ))}
          </dl>
          {data.missing.some((item) => item.requirement === 'residual_risk') ? (
            <ResidualRiskForm incidentId={incident.id} />
          ) : null}
          {data.missing.length > 0 ? (
            <WaiverForm incidentId={incident.id} missing={data.missing.map((item) => item.requirement)} />
          ) : null}
        </div>
      ) : null}
      <form className="form" onSubmit={submit}>
        <Field label="Reason" optional hint="Goes on the timeline." error={issueFor(close.error, 'reason')}>
          {(props) => <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <ErrorMessage error={close.error} title="Not closed." />
        <FormActions
          label={`Close ${incident.id}`}
          busyLabel="Closing…"
          busy={close.isPending}
          disabled={!data?.ready}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}

/** A named person accepts the risk that remains; it goes on the timeline. */
function ResidualRiskForm({ incidentId }: { incidentId: string }) {
  const [acceptedBy, setAcceptedBy] = useState('');
  const [risk, setRisk] = useState('');
  const accept = useAcceptResidualRisk(incidentId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ acceptedBy: acceptedBy.trim(), risk: risk.trim() });
  };
  return (
    <form className="form subform" onSubmit={submit} aria-label="Accept the residual risk">
      <h3>Accept the residual risk</h3>
      <Field
        label="Accepted by"
        hint="The person who owns the risk that remains (directory id or name)."
        error={issueFor(accept.error, 'acceptedBy')}
      >
        {(props) => <input {...props} value={acceptedBy} onChange={(e) => setAcceptedBy(e.target.value)} required />}
      </Field>
      <Field label="Risk that remains" error={issueFor(accept.error, 'risk')}>
        {(props) => <textarea {...props} rows={3} value={risk} onChange={(e) => setRisk(e.target.value)} required />}
      </Field>
      <ErrorMessage error={accept.error} title="Not recorded." />
      <button type="submit" className="button" disabled={accept.isPending || !acceptedBy.trim() || !risk.trim()}>
        {accept.isPending ? 'Recording…' : 'Record acceptance'}
      </button>
    </form>
  );
}

/** An admin waives what is missing, with a reason on the timeline. */
function WaiverForm({ incidentId, missing }: { incidentId: string; missing: string[] }) {
  const { me } = useSession();
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState(false);
  const waive = useWaiveClose(incidentId);
  if (me.role !== 'admin') return null;
  const requirements = missing.filter(
    (item): item is 'postmortem' | 'residual_risk' => item === 'postmortem' || item === 'residual_risk',
  );
  if (!opened)
    return (
      <button type="button" className="button button-ghost" onClick={() => setOpened(true)}>
        Waive as admin…
      </button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    waive.mutate({ waive: requirements, reason: reason.trim() });
  };
  return (
    <form className="form subform" onSubmit={submit} aria-label="Waive what is missing">
      <h3>Waive {requirements.map((item) => REQUIREMENT[item]?.toLowerCase()).join(' and ')}</h3>
      <Field label="Why it is waived" error={issueFor(waive.error, 'reason')}>
        {(props) => (
          <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
        )}
      </Field>
      <ErrorMessage error={waive.error} title="Not waived." />
      <FormActions
        label="Waive"
        busyLabel="Waiving…"
        busy={waive.isPending}
        disabled={!reason.trim()}
        tone="danger"
        onCancel={() => setOpened(false)}
      />
    </form>
  );
}
