import type { WhoAmI } from '@firebreak/contract';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { clientFor, SessionContext, useTokenState, useWhoAmI } from '../data/session';
import { errorMessage, isUnauthenticated, shouldRetry } from '../lib/api-error';
import { ActionsPage } from '../pages/actions-page';
import { AlertHygienePage } from '../pages/alert-hygiene-page';
import { AlertPage } from '../pages/alert-page';
import { AlertsPage } from '../pages/alerts-page';
import { DrillPage } from '../pages/drill-page';
import { DrillsPage } from '../pages/drills-page';
import { IncidentPage } from '../pages/incident-page';
import { IncidentsPage } from '../pages/incidents-page';
import { NotFoundPage } from '../pages/not-found-page';
import { NotificationsPage } from '../pages/notifications-page';
import { OnCallPage } from '../pages/oncall-page';
import { PlanPage } from '../pages/plan-page';
import { PostmortemPage } from '../pages/postmortem-page';
import { ReadinessPage } from '../pages/readiness-page';
import { ReplayPage } from '../pages/replay-page';
import { ReportsPage } from '../pages/reports-page';
import { SignInPage } from '../pages/sign-in-page';
import { SystemPage } from '../pages/system-page';
import { SystemsPage } from '../pages/systems-page';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { Layout } from './layout';

// The review queue is its own page and its own chunk: the war room loads without it.
const ReviewPage = lazy(() => import('../pages/review-page').then((module) => ({ default: module.ReviewPage })));

const REFUSED = 'The server refused your token (revoked or unknown). Sign in again.';

/** Signs in, then serves the war room; a refused token anywhere ends the session. */
export function App() {
  const tokens = useTokenState();
  const signOutRef = useRef(tokens.signOut);
  signOutRef.current = tokens.signOut;
  const queryClient = useMemo(() => {
    const onError = (error: unknown) => {
      if (isUnauthenticated(error)) signOutRef.current(REFUSED);
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: { staleTime: 10_000, retry: shouldRetry },
      },
    });
  }, []);

  useEffect(() => {
    if (!tokens.token) queryClient.clear();
  }, [tokens.token, queryClient]);

  if (!tokens.token) return <SignInPage notice={tokens.notice} onSignedIn={tokens.signIn} />;
  return (
    <QueryClientProvider client={queryClient}>
      <SignedIn token={tokens.token} checked={tokens.checked} signOut={tokens.signOut} />
    </QueryClientProvider>
  );
}

function SignedIn({
  token,
  checked,
  signOut,
}: {
  token: string;
  checked: WhoAmI | undefined;
  signOut(reason?: string): void;
}) {
  const client = useMemo(() => clientFor(token), [token]);
  const me = useWhoAmI(client, token, checked);
  const session = useMemo(
    () =>
      me.data
        ? { client, token, me: me.data, canWrite: me.data.role === 'responder' || me.data.role === 'admin', signOut }
        : undefined,
    [client, token, me.data, signOut],
  );

  if (me.isPending) return <Loading what="your session" />;
  if (!session) {
    return (
      <main id="main" className="page">
        <ErrorMessage error={me.error} title="Cannot load your session." />
        <p>{errorMessage(me.error)}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          Try again
        </button>{' '}
        <button type="button" className="button button-ghost" onClick={() => signOut()}>
          Sign out
        </button>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/incidents" replace />} />
          <Route path="incidents" element={<IncidentsPage />} />
          <Route path="incidents/:id" element={<IncidentPage />} />
          <Route path="incidents/:id/postmortem" element={<PostmortemPage />} />
          <Route path="actions" element={<ActionsPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="alerts/hygiene" element={<AlertHygienePage />} />
          <Route path="alerts/:id" element={<AlertPage />} />
          <Route path="systems" element={<SystemsPage />} />
          <Route path="systems/:id" element={<SystemPage />} />
          <Route path="systems/:id/plan" element={<PlanPage />} />
          <Route path="oncall" element={<OnCallPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="drills" element={<DrillsPage />} />
          <Route path="drills/:id" element={<DrillPage />} />
          <Route path="readiness" element={<ReadinessPage />} />
          <Route path="integrations" element={<ReplayPage />} />
          <Route
            path="review"
            element={
              <Suspense fallback={<Loading what="the review queue" />}>
                <ReviewPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionContext.Provider>
  );
}
