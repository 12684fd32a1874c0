/**
 * A row of radio buttons shown as segments: one value of a small set (a status filter).
 *
 * @example
 * <Segmented legend="Status" name="alert-status" options={['firing', 'resolved']} value={status} hints={HINT} onChange={setStatus} />
 */
export function Segmented<T extends string>({
  legend,
  name,
  options,
  value,
  hints,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  value: T | undefined;
  hints?: Partial<Record<T, string>>;
  onChange(value: T): void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="filter-legend">{legend}</legend>
      {options.map((option) => (
        <label
          key={option}
          className={value === option ? 'segment segment-selected' : 'segment'}
          title={hints?.[option]}
        >
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {option}
        </label>
      ))}
    </fieldset>
  );
}
