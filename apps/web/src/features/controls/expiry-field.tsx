import { Field } from '../../ui/field';
import { EXPIRY_CHOICES } from './control-text';

interface Props {
  legend: string;
  name: string;
  choice: string;
  custom: string;
  onChoice(choice: string): void;
  onCustom(custom: string): void;
  /** A renewal has to last some time: no "until changed". */
  required?: boolean;
  error: string | undefined;
}

/** Until changed, 15 minutes, 1 hour, 4 hours, or a typed duration. */
export function ExpiryField({ legend, name, choice, custom, onChoice, onCustom, required, error }: Props) {
  const choices = required ? EXPIRY_CHOICES.filter((item) => item.value !== '') : EXPIRY_CHOICES;
  return (
    <fieldset className="segmented expiry-field">
      <legend>{legend}</legend>
      {choices.map((item) => (
        <label key={item.value} className={`segment ${choice === item.value ? 'segment-selected' : ''}`}>
          <input
            type="radio"
            name={name}
            value={item.value}
            checked={choice === item.value}
            onChange={() => onChoice(item.value)}
          />{' '}
          {item.label}
        </label>
      ))}
      {choice === 'custom' ? (
        <Field label="Duration" hint="30m, 2h, 1d" error={error} className="expiry-custom">
          {(props) => <input {...props} value={custom} onChange={(e) => onCustom(e.target.value)} autoFocus />}
        </Field>
      ) : error ? (
        <div className="field-error">{error}</div>
      ) : null}
    </fieldset>
  );
}
