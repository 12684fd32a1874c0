import { type FormEvent, useId, useState } from 'react';
import { useLiveLint } from '../../data/learning';
import { FormActions } from '../../ui/form-actions';
import { LintMarks } from './live-lint';
import { MarkdownView } from './markdown-view';
import type { SectionEditorProps } from './section-editor';

/** A prose section as Markdown, with a rendered preview and the blameless lint as you type. */
export function ProseEditor({ section, incidentId, saving, save, cancel }: SectionEditorProps) {
  const [body, setBody] = useState(section.body);
  const [preview, setPreview] = useState(false);
  const lint = useLiveLint(body, incidentId);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save({ body });
  };
  return (
    <form className="form prose-editor" onSubmit={submit}>
      <div className="prose-editor-head">
        <label htmlFor={id} className="field-label">
          {section.title} (Markdown)
        </label>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-pressed={preview}
          onClick={() => setPreview(!preview)}
        >
          Preview
        </button>
      </div>
      <div className={preview ? 'prose-split' : ''}>
        <textarea id={id} rows={8} value={body} onChange={(e) => setBody(e.target.value)} />
        {preview ? (
          <section className="prose-preview" aria-label={`Preview of ${section.title}`}>
            <MarkdownView markdown={body} />
          </section>
        ) : null}
      </div>
      <LintMarks text={lint.text} findings={lint.findings} checking={lint.checking} error={lint.error} />
      <FormActions label={`Save ${section.title}`} busyLabel="Saving…" busy={saving} onCancel={cancel} />
    </form>
  );
}
