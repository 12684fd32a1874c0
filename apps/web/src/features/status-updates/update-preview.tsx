import { useState } from 'react';
import { previewText, type UpdatePreview } from './preview';
import type { Audience } from './templates';

/** The update as its audience will see it, and a copy of it as plain text. */
export function UpdatePreviewCard({ preview, audience }: { preview: UpdatePreview; audience: Audience }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(previewText(preview));
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="preview" aria-label="Preview">
      <div className="preview-bar">
        <span className="small muted">Preview · {preview.channel}</span>
        <button type="button" className="button button-small button-ghost" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy text'}
        </button>
      </div>
      <article className={`preview-card preview-${audience}`} data-testid="update-preview">
        <h3 className="preview-heading">{preview.heading}</h3>
        {preview.meta.length > 0 ? <p className="preview-meta">{preview.meta.join(' · ')}</p> : null}
        {preview.sections.map((section) => (
          <div key={section.label} className="preview-section">
            <h4>{section.label}</h4>
            <p>{section.text}</p>
          </div>
        ))}
      </article>
    </section>
  );
}
