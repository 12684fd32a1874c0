import { FILTER_LEVELS, VERIFICATION_KINDS } from '@firebreak/core';
import { Field } from '../../ui/field';
import type { VerificationDraft } from './action-text';

const KIND_HINT: Record<VerificationDraft['kind'], string> = {
  none: 'No verification yet: the action cannot close until it has one that passes.',
  monitor: 'A monitor watches this signal of the system today.',
  replay: 'The incident’s telemetry, replayed through today’s monitors, alerts within the window after onset.',
  control: 'A control exists on the system, in the stated state.',
  attestation: 'A link (document, test run, merged change) that a second person vouches for.',
};

/**
 * The verification an action must pass, as a form per kind (monitor, replay, control,
 * attestation), matching the contract's union. `issue` gives the server's message for a field.
 */
export function VerificationEditor({
  draft,
  onChange,
  issue,
}: {
  draft: VerificationDraft;
  onChange(draft: VerificationDraft): void;
  issue(field: string): string | undefined;
}) {
  const set = (patch: Partial<VerificationDraft>) => onChange({ ...draft, ...patch });
  const text = (label: string, field: keyof VerificationDraft, hint?: string, optional = true) => (
    <Field label={label} hint={hint} optional={optional} error={issue(`verification.${field}`)}>
      {(props) => (
        <input
          {...props}
          value={String(draft[field])}
          onChange={(e) => set({ [field]: e.target.value } as Partial<VerificationDraft>)}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="verification-editor">
      <legend>Verification</legend>
      <Field label="Kind" hint={KIND_HINT[draft.kind]} error={issue('verification.kind')}>
        {(props) => (
          <select
            {...props}
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value as VerificationDraft['kind'] })}
          >
            <option value="none">none yet</option>
            {VERIFICATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.kind === 'monitor' ? (
        <div className="form-grid">
          {text('System', 'system', 'The system id, such as support-copilot.', false)}
          {text('Signal', 'signal', 'flag:pii, feedback:negative, confidence… (or a monitor id)')}
          {text('Monitor', 'monitor', 'A monitor that must exist by id.')}
        </div>
      ) : null}
      {draft.kind === 'replay' ? (
        <div className="form-grid">
          {text('Within', 'within', 'An alert must open no later than this after onset (10m).')}
          <Field label="Level" error={issue('verification.level')}>
            {(props) => (
              <select
                {...props}
                value={draft.level}
                onChange={(e) => set({ level: e.target.value as 'warn' | 'page' })}
              >
                <option value="warn">warn</option>
                <option value="page">page</option>
              </select>
            )}
          </Field>
          {text('Monitor', 'monitor', 'Only this monitor’s alerts count.')}
          {text('System', 'system', 'Default: the incident’s first system.')}
          {text('Evidence', 'evidence', 'Replay this telemetry sample (EV-n) instead of the stored telemetry.')}
          {text('Lookback', 'lookback', 'Telemetry before onset replayed first (2d).')}
        </div>
      ) : null}
      {draft.kind === 'control' ? (
        <div className="form-grid">
          {text('Control', 'control', '<system>.<control>, such as support-copilot.auto-send.', false)}
          <Field label="Kill switch" optional error={issue('verification.enabled')}>
            {(props) => (
              <select
                {...props}
                value={draft.enabled}
                onChange={(e) => set({ enabled: e.target.value as VerificationDraft['enabled'] })}
              >
                <option value="">any state</option>
                <option value="true">enabled</option>
                <option value="false">disabled</option>
              </select>
            )}
          </Field>
          {text('Active route', 'active', 'A route serving this version.')}
          <Field label="Filter level" optional error={issue('verification.level')}>
            {(props) => (
              <select
                {...props}
                value={draft.filterLevel}
                onChange={(e) => set({ filterLevel: e.target.value as VerificationDraft['filterLevel'] })}
              >
                <option value="">any</option>
                {FILTER_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('Minimum review share', 'minShare', 'A review control holding at least this share (0–1).')}
        </div>
      ) : null}
      {draft.kind === 'attestation' ? (
        <div className="form-grid">
          {text('Link', 'url', 'The document, test run or change that shows it done.', false)}
          {text('What it shows', 'what', undefined, false)}
        </div>
      ) : null}
    </fieldset>
  );
}
