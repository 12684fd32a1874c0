import { useState } from 'react';
import { type ExportFormat, fetchExport, useExportHtml } from '../../data/learning';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';

const EXTENSION: Record<ExportFormat, string> = { markdown: 'md', html: 'html', pdf: 'pdf' };

/**
 * The postmortem as the document reads: a preview of the HTML export in a sandboxed frame (no
 * scripts, no same-origin), and downloads in Markdown, HTML and PDF.
 */
export function ExportPanel({ incidentId }: { incidentId: string }) {
  const { client, token } = useSession();
  const [preview, setPreview] = useState(false);
  const [timeline, setTimeline] = useState<'key' | 'all'>('key');
  const [error, setError] = useState<unknown>();
  const html = useExportHtml(incidentId, preview, timeline);
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
      <ErrorMessage error={html.error} title="Cannot preview." />
      {preview && html.data !== undefined ? (
        <iframe
          className="export-preview"
          title={`Postmortem of ${incidentId}, as exported`}
          sandbox=""
          srcDoc={html.data}
        />
      ) : null}
    </section>
  );
}
