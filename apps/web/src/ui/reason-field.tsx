import type { ReactNode } from 'react';
import { Field } from './field';

/**
 * The "Reason" every change asks for: a short textarea, focused when its dialog opens, required
 * unless `required` is false (then labelled optional), with the server's message about `reason`.
 *
 * @example
 * <ReasonField hint="Why: it goes on the record." value={reason} onChange={setReason} error={issueFor(error, 'reason')} />
 */
export function ReasonField({
  hint,
  value,
  onChange,
  error,
  required = true,
}: {
  hint: ReactNode;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
  required?: boolean;
}) {
  return (
    <Field label="Reason" optional={!required} hint={hint} error={error}>
      {(props) => (
        <textarea
          {...props}
          rows={2}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required={required}
          autoFocus
        />
      )}
    </Field>
  );
}
