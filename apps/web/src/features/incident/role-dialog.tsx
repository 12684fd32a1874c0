import { ROLES, type Role } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { label } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';

interface Props {
  incident: IncidentDetail;
  role: Role;
  /** Leave the role empty instead of giving it to someone. */
  vacate: boolean;
  onClose(): void;
}

/** Gives a role to a person, or leaves it vacant; either way with an optional reason. */
export function RoleDialog({ incident, role, vacate, onClose }: Props) {
  const holder = incident.roles.find((item) => item.role === role);
  const [person, setPerson] = useState('');
  const [reason, setReason] = useState('');
  const assign = useIncidentChange(incident.id, (client, input: { person: string | null; reason?: string }) =>
    client.assignRole(incident.id, { role, ...input }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { person: vacate ? null : person.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) };
    assign.mutate(body, { onSuccess: onClose });
  };
  const name = label(role);
  const title = vacate ? `Vacate ${name.toLowerCase()}` : `${holder ? 'Reassign' : 'Assign'} ${name.toLowerCase()}`;
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={`${ROLES[role]}${holder ? ` Now: ${holder.person}.` : ''}`}
    >
      <form className="form" onSubmit={submit}>
        {vacate ? null : (
          <Field label="Person" hint="Name as the team knows them." error={issueFor(assign.error, 'person')}>
            {(props) => (
              <input
                {...props}
                value={person}
                onChange={(e) => setPerson(e.target.value)}
                required
                autoComplete="name"
                autoFocus
              />
            )}
          </Field>
        )}
        <Field
          label="Reason"
          optional
          hint="Goes on the timeline (shift change, escalation…)."
          error={issueFor(assign.error, 'reason')}
        >
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <ErrorMessage error={assign.error} title="Not changed." />
        <FormActions
          label={vacate ? `Vacate ${name.toLowerCase()}` : `Make ${person.trim() || '…'} ${name.toLowerCase()}`}
          busyLabel="Saving…"
          busy={assign.isPending}
          disabled={!vacate && !person.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
