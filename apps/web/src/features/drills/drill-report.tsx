import type { Exercise } from '@firebreak/contract';
import type { ReactNode } from 'react';
import { useExerciseReport } from '../../data/exercises';
import { ErrorMessage } from '../../ui/error-message';
import { Loading } from '../../ui/states';
import { reportFileName } from './drill-text';

/** Saves Markdown as a file the browser downloads. */
function download(markdown: string, name: string): void {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The drill report (after-action report and improvement plan), rendered, and as a Markdown download. */
export function DrillReport({
  exercise,
  render,
}: {
  exercise: Exercise;
  /** Renders the Markdown (the page composes the postmortem's Markdown view in). */
  render(markdown: string): ReactNode;
}) {
  const report = useExerciseReport(exercise.id, exercise.status === 'ended');
  if (exercise.status !== 'ended') return null;
  return (
    <section className="panel drill-report" aria-labelledby="drill-report-heading">
      <div className="panel-heading">
        <h2 id="drill-report-heading">Drill report</h2>
        {report.data ? (
          <button type="button" className="button" onClick={() => download(report.data, reportFileName(exercise))}>
            Download (.md)
          </button>
        ) : null}
      </div>
      {report.isPending ? <Loading what="the report" /> : null}
      <ErrorMessage error={report.error} title="Cannot load the report." />
      {report.data ? render(report.data) : null}
    </section>
  );
}
