import type { Bundle, Control } from '@firebreak/contract';
import { describeBundle } from '@firebreak/core';
import { useBundles } from '../../data/controls';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';
import { BUNDLE_STATUS_TITLES, bundleGroups } from './control-text';

/**
 * A bundle route's bundles (ADR 30): each version with its status badge, its model, prompt,
 * policy, index and tools, and who registered it; retired ones folded away below.
 */
export function RouteBundles({ control }: { control: Pick<Control, 'key' | 'target'> }) {
  const bundles = useBundles(control.key, control.target === 'bundle');
  if (control.target !== 'bundle') return null;
  const { live, retired } = bundleGroups(bundles.data?.bundles ?? []);
  return (
    <div className="route-bundles">
      <ErrorMessage error={bundles.error} title="Cannot load this route’s bundles." />
      {bundles.isPending ? <span className="small muted">Loading bundles…</span> : null}
      {live.length > 0 ? <BundleTable bundles={live} label={`Bundles of ${control.key}`} /> : null}
      {retired.length > 0 ? (
        <details className="small">
          <summary>
            {retired.length} retired bundle{retired.length === 1 ? '' : 's'}
          </summary>
          <BundleTable bundles={retired} label={`Retired bundles of ${control.key}`} />
        </details>
      ) : null}
    </div>
  );
}

function BundleTable({ bundles, label }: { bundles: readonly Bundle[]; label: string }) {
  return (
    <table className="bundle-table small" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Status</th>
          <th scope="col">Contents</th>
          <th scope="col">Registered</th>
        </tr>
      </thead>
      <tbody>
        {bundles.map((bundle) => (
          <tr key={bundle.version} data-bundle={bundle.version}>
            <th scope="row">
              <code>{bundle.version}</code>
            </th>
            <td>
              <span className={`badge bundle-${bundle.status}`} title={BUNDLE_STATUS_TITLES[bundle.status]}>
                {bundle.status}
              </span>
            </td>
            <td>{describeBundle(bundle.contents)}</td>
            <td>
              {bundle.registeredBy} · <TimeText iso={bundle.registeredAt} variant="short" />
              <div className="muted clamp">
                {bundle.status === 'retired' ? `retired: ${bundle.retireReason ?? ''}` : bundle.reason}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
