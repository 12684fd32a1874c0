import { useSession } from '../../data/session';
import { useOpenDeclare } from '../../ui/declare-context';
import { EmptyState } from '../../ui/states';

/** No incident at all yet: what one is, and how to declare it here or from a terminal. */
export function NoIncidentsYet() {
  const { canWrite } = useSession();
  const openDeclare = useOpenDeclare();
  return (
    <EmptyState title="No incidents yet">
      <p>
        An <strong>incident</strong> is an AI system doing harm or about to: a fraud model missing fraud, a copilot
        inventing policy, a hiring model disadvantaging a group, a prompt injection leaking data. Declaring one starts
        its response clocks, gives it roles, a live timeline, a decision log and status updates. Declare early: a near
        miss is an incident too, and severity can change as you learn.
      </p>
      {canWrite ? (
        <p>
          <button type="button" className="button button-primary write-only" onClick={openDeclare}>
            Declare an incident
          </button>{' '}
          <span className="muted">
            or press <kbd>d</kbd> anywhere.
          </span>
        </p>
      ) : (
        <p className="muted">You are signed in as a viewer; a responder declares incidents.</p>
      )}
      <p>From a terminal:</p>
      <pre>
        <code>
          firebreak incident declare --title "Copilot quotes other customers' orders" --type privacy_leak --severity
          SEV1 --system support-copilot
        </code>
      </pre>
    </EmptyState>
  );
}
