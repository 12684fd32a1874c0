import { useSearchParams } from 'react-router';
import { useActionList } from '../data/actions';
import { useSystems } from '../data/systems';
import { ActionDrawer } from '../features/actions/action-drawer';
import { ActionTable } from '../features/actions/action-table';
import { ACTION_TABS, type ActionTab, queryForTab, TAB_LABELS } from '../features/actions/action-text';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

const EMPTY: Record<ActionTab, string> = {
  mine: 'No open action is yours.',
  overdue: 'Nothing is overdue.',
  system: 'No open action on this system.',
  open: 'No open action.',
};

/**
 * Corrective and preventive actions across incidents: mine, overdue, by system, all open. The
 * tab, system and open action live in the address, so a link can point at one.
 */
export function ActionsPage() {
  useTitle('Actions');
  const [params, setParams] = useSearchParams();
  const tab = (ACTION_TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as ActionTab)
    : 'mine';
  const system = params.get('system') ?? undefined;
  const open = params.get('action') ?? undefined;
  const systems = useSystems();
  const list = useActionList(queryForTab(tab, system));
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const rows = list.data?.actions ?? [];
  return (
    <div className="page actions-page">
      <div className="page-heading">
        <h1>Actions</h1>
        <span className="muted small">
          Corrective and preventive actions; each closes only on a passing verification.
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label="Which actions">
        {ACTION_TABS.map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={tab === value}
            className={`tab ${tab === value ? 'tab-selected' : ''}`}
            onClick={() => set({ tab: value })}
          >
            {TAB_LABELS[value]}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TAB_LABELS[tab]}>
        {tab === 'system' ? (
          <label className="field-inline">
            System{' '}
            <select value={system ?? ''} onChange={(e) => set({ system: e.target.value || undefined })}>
              <option value="">every system</option>
              {(systems.data ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {list.isPending ? <Loading what="the actions" /> : null}
        <ErrorMessage error={list.error} title="Cannot load the actions." />
        {list.data && rows.length === 0 ? (
          <EmptyState title={EMPTY[tab]}>
            <p>Actions are added from an incident’s postmortem page, each with the verification it must pass.</p>
          </EmptyState>
        ) : null}
        {rows.length > 0 ? (
          <ActionTable actions={rows} onOpen={(id) => set({ action: id })} caption={`${TAB_LABELS[tab]} actions`} />
        ) : null}
        {list.data && list.data.total > rows.length ? (
          <p className="muted small">
            Showing {rows.length} of {list.data.total}.
          </p>
        ) : null}
      </div>
      <ActionDrawer id={open} onClose={() => set({ action: undefined })} />
    </div>
  );
}
