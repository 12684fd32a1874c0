import { useState } from 'react';
import { Field } from '../../ui/field';
import { changedKeys, parseContent, textFields } from './review-text';

type Content = Record<string, unknown>;
type Edited = { ok: true; content: Content } | { ok: false; problem: string };

/**
 * Edits an item's content: its text fields one by one, or the whole object as JSON (for content
 * that is not only text). Reports every change, and whether the JSON parses.
 */
export function ContentEditor({
  content,
  onChange,
  error,
}: {
  content: Content;
  onChange(edited: Edited): void;
  error: string | undefined;
}) {
  const fields = textFields(content);
  const [mode, setMode] = useState<'text' | 'json'>(fields.length > 0 ? 'text' : 'json');
  const [values, setValues] = useState<Content>(content);
  const [json, setJson] = useState(() => JSON.stringify(content, null, 2));
  const [problem, setProblem] = useState<string>();
  const [changed, setChanged] = useState<string[]>([]);

  const report = (next: Edited) => {
    setProblem(next.ok ? undefined : next.problem);
    setChanged(next.ok ? changedKeys(content, next.content) : []);
    onChange(next);
  };
  const switchTo = (next: 'text' | 'json') => {
    if (next === 'json') setJson(JSON.stringify(values, null, 2));
    if (next === 'text') {
      const parsed = parseContent(json);
      if (!parsed.ok) return setProblem(`${parsed.problem}; fix it before going back to the text fields`);
      setValues(parsed.content);
    }
    setMode(next);
  };

  return (
    <div className="content-editor">
      <fieldset className="segmented">
        <legend>Edit as</legend>
        {fields.length > 0 ? (
          <label className={`segment ${mode === 'text' ? 'segment-selected' : ''}`}>
            <input type="radio" name="edit-mode" checked={mode === 'text'} onChange={() => switchTo('text')} /> text
            fields
          </label>
        ) : null}
        <label className={`segment ${mode === 'json' ? 'segment-selected' : ''}`}>
          <input type="radio" name="edit-mode" checked={mode === 'json'} onChange={() => switchTo('json')} /> JSON
        </label>
      </fieldset>
      {mode === 'text'
        ? textFields(values).map((key) => (
            <Field key={key} label={key} error={problem}>
              {(props) => (
                <textarea
                  {...props}
                  rows={3}
                  value={String(values[key] ?? '')}
                  onChange={(e) => {
                    const next = { ...values, [key]: e.target.value };
                    setValues(next);
                    report({ ok: true, content: next });
                  }}
                />
              )}
            </Field>
          ))
        : null}
      {mode === 'json' ? (
        <Field
          label="Content (JSON)"
          hint="A JSON object: what the app sends the user instead."
          error={problem ?? error}
        >
          {(props) => (
            <textarea
              {...props}
              className="mono"
              rows={10}
              spellCheck={false}
              value={json}
              onChange={(e) => {
                setJson(e.target.value);
                report(parseContent(e.target.value));
              }}
            />
          )}
        </Field>
      ) : null}
      <p className="small muted" aria-live="polite">
        {changed.length > 0 ? `Changed: ${changed.join(', ')}` : 'Nothing changed yet.'}
      </p>
    </div>
  );
}
