import type { ReactNode } from 'react';

/**
 * A dialog form's submit and cancel buttons; the submit says what is happening while it does.
 *
 * @example
 * <FormActions label="Dismiss" busyLabel="Dismissing…" busy={dismiss.isPending} disabled={!reason.trim()} onCancel={onClose} />
 */
export function FormActions({
  label,
  busyLabel,
  busy,
  disabled = false,
  tone = 'primary',
  onCancel,
}: {
  label: ReactNode;
  busyLabel: ReactNode;
  busy: boolean;
  disabled?: boolean;
  tone?: 'primary' | 'danger';
  onCancel(): void;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className={`button button-${tone}`} disabled={disabled || busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
