import type { PlanFormat } from '@firebreak/contract';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { fetchPlanDocument, usePlan } from '../data/plans';
import { useSession } from '../data/session';
import { MarkdownView } from '../features/postmortem/markdown-view';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

const FORMATS: ReadonlyArray<[Exclude<PlanFormat, 'json'>, string]> = [
  ['md', 'Markdown'],
  ['html', 'HTML'],
  ['pdf', 'PDF'],
];

/**
 * A system's AI incident response plan: its gaps first, each linked to the section it belongs
 * to, then every section rendered from its Markdown, and downloads in Markdown, HTML and PDF.
 */
export function PlanPage() {
  const { id = '' } = useParams();
  const { client, token } = useSession();
  const plan = usePlan(id);
  const [error, setError] = useState<unknown>();
  useTitle(`Response plan: ${id}`);
  const download = async (format: Exclude<PlanFormat, 'json'>) => {
    setError(undefined);
    try {
      const url = URL.createObjectURL(await fetchPlanDocument(client, token, id, format));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${id}-response-plan.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (cause) {
      setError(cause);
    }
  };
  const gaps = plan.data?.gaps ?? [];
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/systems">Systems</Link> / <Link to={`/systems/${encodeURIComponent(id)}`}>{id}</Link> /{' '}
        <span aria-current="page">Response plan</span>
      </nav>
      {plan.isPending ? <Loading what={`the response plan of ${id}`} /> : null}
      <ErrorMessage error={plan.error} title={`Cannot load the response plan of ${id}.`} />
      {plan.data ? (
        <>
          <section className="panel" aria-labelledby="plan-title">
            <h1 id="plan-title">
              AI incident response plan: {plan.data.name} <span className="muted small">{plan.data.system}</span>
            </h1>
            <div className="form-actions">
              {FORMATS.map(([format, label]) => (
                <button
                  key={format}
                  type="button"
                  className="button button-ghost"
                  onClick={() => void download(format)}
                >
                  Download {label}
                </button>
              ))}
            </div>
            <ErrorMessage error={error} title="Not exported." />
          </section>
          <section className="panel" aria-labelledby="plan-gaps" data-testid="plan-gaps">
            <h2 id="plan-gaps">
              {gaps.length === 0 ? 'No gaps' : `${gaps.length} gap${gaps.length === 1 ? '' : 's'}`}
            </h2>
            {gaps.length === 0 ? (
              <p>
                Every section is covered: <code>firebreak plan {id} --check</code> passes.
              </p>
            ) : (
              <ul>
                {gaps.map((gap) => (
                  <li key={gap.id}>
                    <code>{gap.id}</code> {gap.message}.{' '}
                    <a href={`#plan-${gap.section}`} className="small">
                      see section
                    </a>
                    <div className="muted small">Fix: {gap.fix}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {plan.data.sections.map((section, index) => (
            <section key={section.id} className="panel" id={`plan-${section.id}`} aria-labelledby={`h-${section.id}`}>
              <h2 id={`h-${section.id}`}>
                {index + 1}. {section.title}
              </h2>
              <MarkdownView markdown={section.body} />
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
