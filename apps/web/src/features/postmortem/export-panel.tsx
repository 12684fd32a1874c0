import { useState } from 'react';
import { type ExportFormat, fetchExport, useExportMarkdown } from '../../data/learning';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';
import { MarkdownView } from './markdown-view';

const EXTENSION: Record<ExportFormat, string> = { markdown: 'md', html: 'html', pdf: 'pdf' };

/**
 * The postmortem as the document reads: a preview of the Markdown export rendered here (as
 * elements, never as HTML: the war room's policy forbids framing, so the HTML export is a
 * download), and downloads in Markdown, HTML and PDF.
 */
export function ExportPanel({ incidentId }: { incidentId: string }) {
  const { client, token } = useSession();
  const [preview, setPreview] = useState(false);
  const [timeline, setTimeline] = useState<'key' | 'all'>('key');
  const [error, setError] = useState<unknown>();
  const markdown = useExportMarkdown(incidentId, preview, timeline);
  const download = async (format: ExportFormat) => {
    setError(undefined);
    try {
      const blob = await fetchExport(client, token, incidentId, format, timeline);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${incidentId}-postmortem.${EXTENSION[format]}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <section className="panel export-panel" aria-labelledby="export-title">
      <div className="panel-heading">
        <h2 id="export-title">Preview and export</h2>
        <label className="small">
          <input
            type="checkbox"
            checked={timeline === 'all'}
            onChange={(e) => setTimeline(e.target.checked ? 'all' : 'key')}
          />{' '}
          every timeline entry (not only key moments)
        </label>
      </div>
      <div className="form-actions">
        <button type="button" className="button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          {preview ? 'Hide preview' : 'Preview'}
        </button>
        {(['markdown', 'html', 'pdf'] as const).map((format) => (
          <button key={format} type="button" className="button button-ghost" onClick={() => void download(format)}>
            Download {format === 'markdown' ? 'Markdown' : format.toUpperCase()}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} title="Not exported." />
      <ErrorMessage error={markdown.error} title="Cannot preview." />
      {preview && markdown.data !== undefined ? (
        <article className="export-preview" aria-label={`Postmortem of ${incidentId}, as exported`}>
          <MarkdownView markdown={markdown.data} />
        </article>
      ) : null}
    </section>
  );
}
