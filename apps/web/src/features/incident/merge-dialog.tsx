import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useIncidentList, useMergeIncident } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';

const OPEN = { open: true, limit: 500 } as const;

/**
 * Merges this incident, a duplicate, into another open one: this one is closed with a link,
 * its alerts, controls and pending approvals move over, and both timelines are kept. Open
 * incidents sharing a system are offered first.
 */
export function MergeDialog({ incident, open, onClose }: { incident: IncidentDetail; open: boolean; onClose(): void }) {
  const navigate = useNavigate();
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const list = useIncidentList(OPEN, { enabled: open });
  const shares = (systems: readonly string[]) => systems.some((system) => incident.systems.includes(system));
  const others = (list.data?.incidents ?? [])
    .filter((other) => other.id !== incident.id)
    .sort((a, b) => Number(shares(b.systems)) - Number(shares(a.systems)));
  const merge = useMergeIncident(incident.id, (target) => {
    onClose();
    navigate(`/incidents/${target}`);
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens, not on every edit of its inputs
  useEffect(() => {
    if (!open) return;
    setInto('');
    setReason('');
    merge.reset();
  }, [open]);
  useEffect(() => {
    if (open && !into && others[0]) setInto(others[0].id);
  }, [open, into, others]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (into && reason.trim()) merge.mutate({ into, reason: reason.trim() });
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Merge ${incident.id} into another incident`}
      description={`${incident.id} is closed as a duplicate, with a link; its alerts, controls and pending approvals move to the other; both timelines are kept.`}
    >
      <form className="form" onSubmit={submit}>
        {list.isSuccess && others.length === 0 ? (
          <p className="notice small">No other incident is open: there is nothing to merge into.</p>
        ) : null}
        <Field label="Merge into" error={issueFor(merge.error, 'into')}>
          {(props) => (
            <select {...props} value={into} onChange={(e) => setInto(e.target.value)} required>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.id} {other.severity} {other.status}: {other.title}
                  {shares(other.systems) ? '' : ' (no system in common)'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Reason"
          hint="Why these are the same incident: it goes on both timelines."
          error={issueFor(merge.error, 'reason')}
        >
          {(props) => (
            <textarea {...props} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required />
          )}
        </Field>
        <ErrorMessage error={merge.error} title="Not merged." />
        <FormActions
          label={into ? `Merge into ${into}` : 'Merge'}
          busyLabel="Merging…"
          busy={merge.isPending}
          disabled={!into || !reason.trim()}
          tone="danger"
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
