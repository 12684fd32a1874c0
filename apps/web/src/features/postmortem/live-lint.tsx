import type { LintFindingView } from '@firebreak/contract';
import { ErrorMessage } from '../../ui/error-message';
import { markSegments } from './postmortem-text';

/**
 * The linted text with each finding's excerpt marked, and under it what each says and a rewrite
 * to consider. Findings are advice: they never stop saving.
 */
export function LintMarks({
  text,
  findings,
  checking,
  error,
}: {
  text: string;
  findings: readonly LintFindingView[];
  checking: boolean;
  error?: unknown;
}) {
  return (
    <div className="lint" aria-live="polite">
      <ErrorMessage error={error} title="Cannot check the wording." />
      {findings.length === 0 ? (
        <p className="muted small lint-clean">{checking ? 'Checking the wording…' : 'Blameless lint: no findings.'}</p>
      ) : (
        <>
          <p className="lint-text" data-testid="lint-marks">
            {markSegments(text, findings).map((segment, index) =>
              segment.finding ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
                <mark key={index} className="lint-mark" title={segment.finding.message}>
                  {segment.text}
                </mark>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
                <span key={index}>{segment.text}</span>
              ),
            )}
          </p>
          <FindingList findings={findings} />
        </>
      )}
    </div>
  );
}

/** Blameless-lint findings: the excerpt, what is wrong with it, and a rewrite. */
export function FindingList({
  findings,
  showWhere = false,
}: {
  findings: readonly LintFindingView[];
  showWhere?: boolean;
}) {
  return (
    <ul className="finding-list">
      {findings.map((finding) => (
        <li key={`${finding.where}:${finding.start}:${finding.rule}`} className="finding" data-rule={finding.rule}>
          {showWhere ? <code className="small">{finding.where}</code> : null} <q>{finding.excerpt}</q>:{' '}
          {finding.message} <span className="finding-suggestion">Consider: {finding.suggestion}</span>
        </li>
      ))}
    </ul>
  );
}
