import type { PostmortemSection } from '@firebreak/contract';
import { useState } from 'react';
import { useStarEntry } from '../../data/learning';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';
import { momentsToShow } from './postmortem-text';

/** The timeline section: the key moments first, every moment one click away, each starrable. */
export function MomentsList({ section, incidentId }: { section: PostmortemSection; incidentId: string }) {
  const [all, setAll] = useState(false);
  const { canWrite } = useSession();
  const star = useStarEntry(incidentId);
  const moments = section.moments ?? [];
  const shown = momentsToShow(moments, all);
  const starred = moments.filter((moment) => moment.key).length;
  return (
    <div className="pm-moments">
      <p className="small muted">
        {starred === 0
          ? `No key moment starred yet: all ${moments.length} show, and the document prints them all.`
          : `${starred} key ${starred === 1 ? 'moment' : 'moments'} of ${moments.length}; the document prints the key ones.`}{' '}
        {starred > 0 && starred < moments.length ? (
          <button type="button" className="button button-ghost button-small" onClick={() => setAll(!all)}>
            {all ? 'Show key moments only' : `Show all ${moments.length}`}
          </button>
        ) : null}
      </p>
      <ErrorMessage error={star.error} title="Not starred." />
      <ol className="moment-list">
        {shown.map((moment) => (
          <li key={moment.seq} className={`moment ${moment.key ? 'key-moment' : ''}`} data-seq={moment.seq}>
            {canWrite ? (
              <button
                type="button"
                className={`star-toggle ${moment.key ? 'starred' : ''}`}
                aria-pressed={moment.key}
                aria-label={`Key moment #${moment.seq}`}
                disabled={star.isPending}
                onClick={() => star.mutate({ seq: moment.seq, key: !moment.key })}
              >
                <span aria-hidden="true">{moment.key ? '★' : '☆'}</span>
              </button>
            ) : (
              <span aria-hidden="true" className="star-toggle">
                {moment.key ? '★' : ''}
              </span>
            )}
            <span className="moment-at small">
              <TimeText iso={moment.at} variant="clock" />
            </span>
            <span className="moment-text">
              {moment.text} <span className="muted small">· {moment.actor}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
