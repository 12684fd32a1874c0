import type { LintFindingView } from '@firebreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { lintText } from '../../data/learning';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';
import { markSegments } from './postmortem-text';

/** How long typing pauses before the text is linted. */
export const LINT_DEBOUNCE_MS = 400;

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The blameless lint of text being typed, asked of the server once typing pauses. */
export function useLiveLint(text: string, incidentId: string) {
  const { client } = useSession();
  const settled = useDebounced(text, LINT_DEBOUNCE_MS);
  const lint = useQuery({
    queryKey: ['lint', incidentId, settled] as const,
    queryFn: () => lintText(client, settled, incidentId),
    enabled: settled.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const current = settled.trim().length > 0 && lint.data && !lint.isPlaceholderData;
  return {
    /** The text the findings are about (what was linted, a moment behind what is typed). */
    text: settled,
    findings: current ? lint.data.findings : [],
    checking: text !== settled || lint.isFetching,
    error: lint.error,
  };
}

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
