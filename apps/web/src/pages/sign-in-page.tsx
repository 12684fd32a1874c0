import type { WhoAmI } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { clientFor } from '../data/session';
import { ErrorMessage } from '../ui/error-message';
import { Field } from '../ui/field';
import { useTitle } from '../ui/use-title';

/** Sign in with an API token; the token stays in this browser until signing out. */
export function SignInPage({
  notice,
  onSignedIn,
}: {
  notice: string | undefined;
  onSignedIn(token: string, me: WhoAmI): void;
}) {
  const [token, setToken] = useState('');
  useTitle('Sign in');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) return;
    setBusy(true);
    setError(undefined);
    try {
      const me = await clientFor(value).whoami();
      onSignedIn(value, me);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Firebreak
        </div>
        <h1 id="sign-in-title">Sign in to the war room</h1>
        <p className="muted">
          Incident response for AI systems. Paste an API token; it is kept in this browser until you sign out.
        </p>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <Field
          label="API token"
          hint={
            <>
              Starts with <code>fbk_</code>. The server prints an admin token on first start.
            </>
          }
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              required
              autoFocus
            />
          )}
        </Field>
        <ErrorMessage error={error} title="Sign-in failed." />
        <button className="button button-primary" type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <details className="help">
          <summary>No token?</summary>
          <p>Ask an admin for one, or create one with the CLI:</p>
          <pre>
            <code>firebreak token create --name dana --role responder</code>
          </pre>
          <p>
            <strong>viewer</strong> reads everything; <strong>responder</strong> runs incidents; <strong>admin</strong>{' '}
            also manages tokens and the system catalog.
          </p>
        </details>
      </form>
    </main>
  );
}
