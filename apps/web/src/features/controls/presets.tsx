import type { PresetList } from '@firebreak/contract';
import { describePatch } from '@firebreak/core';
import { type FormEvent, useState } from 'react';
import { usePresetAction, usePresets } from '../../data/presets';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { ReasonField } from '../../ui/reason-field';
import { TimeText } from '../../ui/time-text';

type Preset = PresetList['presets'][number];

/**
 * A system's presets above its controls: safe mode (and any other preset) with the severities
 * whose tier names it, what it changes, whether it is in force, and one button to apply or revert
 * it as one change (docs/adr/0027-presets-and-safe-mode.md). Nothing shows for a system without presets.
 */
export function SystemPresets({
  system,
  incidentId,
  canWrite,
}: {
  system: string;
  incidentId: string;
  canWrite: boolean;
}) {
  const presets = usePresets(system);
  const [acting, setActing] = useState<{ preset: Preset; action: 'apply' | 'revert' }>();
  const list = presets.data?.presets ?? [];
  if (list.length === 0) return null;
  const tiers = Object.entries(presets.data?.tiers ?? {});
  return (
    <div className="presets" data-system={system}>
      {list.map((preset) => {
        const severities = tiers.filter(([, id]) => id === preset.id).map(([severity]) => severity);
        return (
          <div className="preset" key={preset.id} data-preset={preset.id}>
            <p className="preset-line">
              <strong>{preset.id === 'safe-mode' ? 'Safe mode' : preset.id}</strong>
              {severities.length > 0 ? <span className="muted small"> · tier of {severities.join(', ')}</span> : null}
              {' · '}
              {preset.applied ? (
                <span className="preset-state" data-state="applied">
                  in force since <TimeText iso={preset.applied.appliedAt} /> ({preset.applied.id}, by{' '}
                  {preset.applied.appliedBy})
                </span>
              ) : (
                <span className="preset-state muted" data-state="off">
                  not applied
                </span>
              )}
              {canWrite ? (
                <button
                  type="button"
                  className={`button ${preset.applied ? 'button-ghost' : 'button-danger'} button-small write-only`}
                  onClick={() => setActing({ preset, action: preset.applied ? 'revert' : 'apply' })}
                >
                  {preset.applied ? `Revert ${preset.id}` : `Apply ${preset.id}`}
                </button>
              ) : null}
            </p>
            <p className="muted small">
              {preset.description ? `${preset.description}: ` : ''}
              {preset.changes.map(({ control, ...patch }) => `${control} → ${describePatch(patch)}`).join('; ')}
            </p>
          </div>
        );
      })}
      {acting ? (
        <PresetDialog
          system={system}
          incidentId={incidentId}
          preset={acting.preset}
          action={acting.action}
          onClose={() => setActing(undefined)}
        />
      ) : null}
    </div>
  );
}

function PresetDialog({
  system,
  incidentId,
  preset,
  action,
  onClose,
}: {
  system: string;
  incidentId: string;
  preset: Preset;
  action: 'apply' | 'revert';
  onClose(): void;
}) {
  const mutation = usePresetAction(system, preset.id, action);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ reason: reason.trim(), incident: incidentId }, { onSuccess: onClose });
  };
  const verb = action === 'apply' ? 'Apply' : 'Revert';
  return (
    <Modal
      open
      onOpenChange={(next) => !next && onClose()}
      title={`${verb} ${preset.id} on ${system}`}
      description={
        action === 'apply'
          ? `Every control below changes at once, in one audited change, on ${incidentId}'s timeline.`
          : 'Every control goes back to where it was before, at once.'
      }
    >
      <form className="form" onSubmit={submit}>
        <ul className="small">
          {preset.changes.map(({ control, ...patch }) => (
            <li key={control}>
              <span className="mono">
                {system}.{control}
              </span>{' '}
              → {action === 'apply' ? describePatch(patch) : 'as it was before'}
            </li>
          ))}
        </ul>
        <ReasonField
          hint="Why: it goes on the record and the timeline."
          value={reason}
          onChange={setReason}
          error={issueFor(mutation.error, 'reason')}
        />
        <ErrorMessage error={mutation.error} title={action === 'apply' ? 'Not applied.' : 'Not reverted.'} />
        <FormActions
          label={`${verb} ${preset.id}`}
          busyLabel={action === 'apply' ? 'Applying…' : 'Reverting…'}
          busy={mutation.isPending}
          disabled={!reason.trim()}
          tone={action === 'apply' ? 'danger' : 'primary'}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
