import { inlineRuns, markdownBlocks } from './postmortem-text';

function Inline({ text }: { text: string }) {
  return (
    <>
      {inlineRuns(text).map((run, index) => {
        const key = `${index}:${run.kind}`;
        if (run.kind === 'strong') return <strong key={key}>{run.text}</strong>;
        if (run.kind === 'em') return <em key={key}>{run.text}</em>;
        if (run.kind === 'code') return <code key={key}>{run.text}</code>;
        return <span key={key}>{run.text}</span>;
      })}
    </>
  );
}

/** A section's Markdown rendered as React elements (never as HTML, so nothing in it runs). */
export function MarkdownView({ markdown, empty = 'Nothing written yet.' }: { markdown: string; empty?: string }) {
  const blocks = markdownBlocks(markdown);
  if (blocks.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <div className="markdown">
      {blocks.map((block, index) => {
        const key = `${index}:${block.kind}`;
        switch (block.kind) {
          case 'heading':
            // Section headings are h3 on the page; a heading inside a section sits below them.
            return (
              <h4 key={key} className={`md-h${block.level}`}>
                <Inline text={block.text} />
              </h4>
            );
          case 'paragraph':
            return (
              <p key={key}>
                <Inline text={block.text} />
              </p>
            );
          case 'quote':
            return (
              <blockquote key={key}>
                <Inline text={block.text} />
              </blockquote>
            );
          case 'code':
            return <pre key={key}>{block.text}</pre>;
          case 'list': {
            const items = block.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
              <li key={i}>
                <Inline text={item} />
              </li>
            ));
            return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
          case 'table':
            return (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
              <div key={key} className="table-wrap" tabIndex={0} role="region" aria-label="A table, scrollable">
                <table className="table md-table">
                  <thead>
                    <tr>
                      {block.header.map((cell, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                        <th key={i} scope="col">
                          <Inline text={cell} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                      <tr key={r}>
                        {row.map((cell, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                          <td key={i}>
                            <Inline text={cell} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          default:
            return null;
        }
      })}
    </div>
  );
}
