import { useId } from 'react';
import { useDirectory } from '../../data/oncall';
import type { ControlProps } from '../../ui/field';

/** A person of the directory, by id, offered as suggestions; a name typed is accepted too. */
export function OwnerInput({
  control,
  value,
  onChange,
}: {
  control: ControlProps;
  value: string;
  onChange(value: string): void;
}) {
  const directory = useDirectory();
  const listId = useId();
  const people = directory.data?.directory.people ?? [];
  return (
    <>
      <input {...control} list={listId} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      <datalist id={listId}>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
