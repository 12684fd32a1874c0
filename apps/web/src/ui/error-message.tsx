import { FirebreakApiError } from '@firebreak/sdk';
import { errorMessage, requestIdOf } from '../lib/api-error';

/**
 * A failed call, said next to the form that made it: the server's message (naming the field)
 * and the request id to quote.
 */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const requestId = requestIdOf(error);
  const issues = error instanceof FirebreakApiError ? error.issues : [];
  return (
    <div className="error-message" role="alert">
      <strong>{title ?? 'That did not work.'}</strong>{' '}
      {issues.length > 1 ? (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : (
        <span>{errorMessage(error)}</span>
      )}
      {requestId ? <div className="error-request">Request id {requestId}</div> : null}
    </div>
  );
}
