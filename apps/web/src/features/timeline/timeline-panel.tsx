import type { TimelineEntry } from '@firebreak/contract';
import type { ConnectionState } from '@firebreak/sdk';
import { type ReactNode, useEffect, useRef } from 'react';
import { useStarEntry } from '../../data/learning';
import { useSession } from '../../data/session';
import { useTimeline } from '../../data/timeline';
import { ErrorMessage } from '../../ui/error-message';
import { LiveIndicator } from '../../ui/live-indicator';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { describeEntry } from './describe-entry';

import { VerifyTimeline } from './verify-timeline';

/** The append-only timeline, newest first, growing live as changes are committed. */
export function TimelinePanel({
  incidentId,
  live,
  attachment,
}: {
  incidentId: string;
  live: ConnectionState;
  /** What an entry shows below its text, when it has more (the page passes it in: a canary abort's chart). */
  attachment?: (entry: TimelineEntry) => ReactNode;
}) {
  const timeline = useTimeline(incidentId);
  const { canWrite } = useSession();
  const star = useStarEntry(incidentId);
  const entries = timeline.data ?? [];
  // Entries that arrive after the first render are marked, so a new one catches the eye.
  const seen = useRef<number | undefined>(undefined);
  const lastSeq = entries.at(-1)?.seq;
  useEffect(() => {
    if (seen.current === undefined && lastSeq !== undefined) seen.current = lastSeq;
  }, [lastSeq]);

  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <div className="panel-heading">
        <h2 id="timeline-title">Timeline</h2>
        <span className="muted small">{entries.length} entries</span>
        <LiveIndicator state={live} />
        <VerifyTimeline incidentId={incidentId} />
      </div>
      {timeline.isPending ? <Loading what="the timeline" /> : null}
      {timeline.isError ? <ErrorMessage error={timeline.error} title="Cannot load the timeline." /> : null}
      <ErrorMessage error={star.error} title="Not starred." />
      {/* The list scrolls within the panel: focusable, so a keyboard can scroll it (WCAG 2.1.1). */}
      <ol
        className="timeline"
        aria-live="polite"
        aria-relevant="additions"
        aria-label={`Timeline of ${incidentId}, newest first`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        reversed
      >
        {[...entries].reverse().map((entry) => (
          <TimelineItem
            attachment={attachment}
            key={entry.seq}
            entry={entry}
            fresh={seen.current !== undefined && entry.seq > seen.current}
            onStar={canWrite ? (key) => star.mutate({ seq: entry.seq, key }) : undefined}
            starring={star.isPending && star.variables?.seq === entry.seq}
          />
        ))}
      </ol>
    </section>
  );
}

function TimelineItem({
  attachment,
  entry,
  fresh,
  onStar,
  starring,
}: {
  attachment: ((entry: TimelineEntry) => ReactNode) | undefined;
  entry: TimelineEntry;
  fresh: boolean;
  /** Stars or unstars the entry as a key moment; absent for a viewer. */
  onStar: ((key: boolean) => void) | undefined;
  starring: boolean;
}) {
  const text = describeEntry(entry);
  const key = entry.key === true;
  return (
    <li
      className={`timeline-entry kind-${entry.kind} ${fresh ? 'fresh' : ''} ${key ? 'key-moment' : ''}`}
      data-seq={entry.seq}
      data-kind={entry.kind}
    >
      <span className="timeline-marker" aria-hidden="true" />
      <div className="timeline-when">
        <TimeText iso={entry.at} variant="clock" />
        <span className="muted small"> · {entry.actor}</span>
      </div>
      <div className="timeline-what">
        {text.ref ? (
          <a href={`#${text.ref}`} className="timeline-title">
            {text.title}
          </a>
        ) : (
          <span className="timeline-title">{text.title}</span>
        )}
        {text.detail ? <div className="timeline-detail">{text.detail}</div> : null}
        {attachment?.(entry)}
      </div>
      <span className="timeline-seq muted small" title={`hash ${entry.hash}`}>
        #{entry.seq}
      </span>
      {onStar ? (
        <button
          type="button"
          className={`star-toggle ${key ? 'starred' : ''}`}
          aria-pressed={key}
          aria-label={`Key moment #${entry.seq}`}
          title={key ? 'A key moment of the postmortem: unstar' : 'Star as a key moment for the postmortem'}
          disabled={starring}
          onClick={() => onStar(!key)}
        >
          <span aria-hidden="true">{key ? '★' : '☆'}</span>
        </button>
      ) : key ? (
        <span className="star-toggle starred" role="img" aria-label="Key moment">
          ★
        </span>
      ) : null}
    </li>
  );
}
