import type { IncidentDetail } from '@firebreak/sdk';
import { Link, useNavigate } from 'react-router';
import { useDraftPostmortem, usePostmortemState } from '../../data/learning';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';

/**
 * The incident's way to its postmortem: "Draft postmortem" while none exists (drafting opens
 * it), else a link saying its status and whether it is overdue.
 */
export function PostmortemLink({ incident }: { incident: IncidentDetail }) {
  const { canWrite } = useSession();
  const postmortem = usePostmortemState(incident.id);
  const draft = useDraftPostmortem(incident.id);
  const navigate = useNavigate();
  const path = `/incidents/${incident.id}/postmortem`;
  if (postmortem.isPending) return null;
  const data = postmortem.data;
  return (
    <div className="postmortem-link" role="group" aria-label="Postmortem">
      {data ? (
        <Link to={path} className="button">
          Postmortem ({data.status.replace('_', ' ')})
          {data.overdue ? <span className="badge overdue-badge">OVERDUE</span> : null}
        </Link>
      ) : canWrite ? (
        <button
          type="button"
          className="button"
          disabled={draft.isPending}
          onClick={() => draft.mutate({}, { onSuccess: () => navigate(path) })}
        >
          {draft.isPending ? 'Drafting…' : 'Draft postmortem'}
        </button>
      ) : (
        <span className="muted small">No postmortem drafted.</span>
      )}
      <ErrorMessage error={postmortem.error ?? draft.error} title="Postmortem:" />
    </div>
  );
}
