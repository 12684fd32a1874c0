import { useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { LiveFeedProvider } from '../data/live-feed';
import { useSession } from '../data/session';
import { FiringCount } from '../features/alerts/firing-count';
import { DeclareDialog } from '../features/incidents/declare-dialog';
import { ReviewNavCount } from '../features/review/review-nav-count';
import { DeclareContext } from '../ui/declare-context';
import { SEARCH_ID, ShortcutProvider, useShortcut } from '../ui/shortcuts';
import { useNarrow } from '../ui/use-narrow';
import { ShortcutHelp } from './shortcut-help';

/** The frame of every signed-in page: header with navigation, who is signed in, and the declare dialog. */
export function Layout() {
  return (
    <ShortcutProvider>
      <LiveFeedProvider>
        <Frame />
      </LiveFeedProvider>
    </ShortcutProvider>
  );
}

function Frame() {
  const { me, canWrite, signOut } = useSession();
  const navigate = useNavigate();
  const [declaring, setDeclaring] = useState(false);
  const [help, setHelp] = useState(false);
  const narrow = useNarrow();
  const openDeclare = () => setDeclaring(true);

  useShortcut('d', openDeclare, canWrite && !narrow);
  useShortcut('?', () => setHelp(true));
  useShortcut('/', () => {
    const search = document.getElementById(SEARCH_ID);
    if (search) search.focus();
    else navigate('/incidents', { state: { focusSearch: Date.now() } });
  });

  return (
    <DeclareContext.Provider value={openDeclare}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/incidents" className="brand" aria-label="Firebreak home">
          <span className="brand-mark" aria-hidden="true" /> Firebreak
        </Link>
        <nav aria-label="Main">
          <NavLink to="/incidents">Incidents</NavLink>
          <NavLink to="/alerts">
            Alerts <FiringCount />
          </NavLink>
          <NavLink to="/systems">Systems</NavLink>
          <NavLink to="/actions">Actions</NavLink>
          <NavLink to="/oncall">On call</NavLink>
          <NavLink to="/notifications">Notifications</NavLink>
          <NavLink to="/reports">Reports</NavLink>
          <NavLink to="/drills">Drills</NavLink>
          <NavLink to="/readiness">Readiness</NavLink>
          <NavLink to="/integrations">Integrations</NavLink>
          <NavLink to="/review">
            Review <ReviewNavCount />
          </NavLink>
        </nav>
        <div className="header-actions">
          {canWrite ? (
            <button
              type="button"
              className="button button-primary write-only"
              onClick={openDeclare}
              aria-keyshortcuts="d"
            >
              Declare incident <kbd>d</kbd>
            </button>
          ) : (
            <span
              className="read-only-note"
              title="A viewer token reads everything and changes nothing. Ask an admin for a responder token to act."
            >
              Read-only
            </span>
          )}
          {canWrite ? (
            <span
              className="narrow-note"
              title="On a phone you can read everything and acknowledge; act from a wider screen."
            >
              Phone: acknowledge only
            </span>
          ) : null}
          <button
            type="button"
            className="button button-ghost shortcut-button"
            onClick={() => setHelp(true)}
            aria-keyshortcuts="?"
            aria-label="Keyboard shortcuts"
          >
            <kbd>?</kbd>
          </button>
          <span className="who" title={`Token ${me.tokenId}`}>
            {me.name} <span className="role-chip">{me.role}</span>
          </span>
          <button type="button" className="button button-ghost" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      {canWrite ? <DeclareDialog open={declaring} onOpenChange={setDeclaring} /> : null}
      <ShortcutHelp open={help} onOpenChange={setHelp} />
    </DeclareContext.Provider>
  );
}
