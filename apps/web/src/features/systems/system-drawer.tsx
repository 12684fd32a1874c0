import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSystems } from '../../data/systems';
import { Modal } from '../../ui/modal';
import { Loading } from '../../ui/states';
import { SystemCardView } from './system-card-view';

/**
 * The system overview pack of an affected system, one click from the incident. `controls` draws
 * the system's controls under its card (the page passes them in: controls are another feature).
 */
export function SystemDrawer({
  systemId,
  onClose,
  controls,
}: {
  systemId: string | undefined;
  onClose(): void;
  controls?(system: string): ReactNode;
}) {
  const systems = useSystems();
  const system = systems.data?.find((candidate) => candidate.id === systemId);
  return (
    <Modal
      open={systemId !== undefined}
      onOpenChange={(open) => !open && onClose()}
      variant="drawer"
      title={system ? system.name : (systemId ?? '')}
      description={system ? `${system.id} · system overview pack` : 'Not in the system catalog'}
    >
      {systems.isPending ? <Loading what="the system card" /> : null}
      {system ? (
        <>
          <SystemCardView system={system} />
          {controls?.(system.id)}
          <p>
            <Link to={`/systems/${system.id}`} onClick={onClose}>
              Full card and incidents of {system.name} →
            </Link>
          </p>
        </>
      ) : null}
      {systems.data && !system ? (
        <div className="prose">
          <p>
            <code>{systemId}</code> has no system card yet, so there is no owner, on-call, versions or blast radius to
            show. Add it to <code>firebreak.yaml</code> and apply it:
          </p>
          <pre>
            <code>firebreak system apply -f firebreak.yaml</code>
          </pre>
        </div>
      ) : null}
    </Modal>
  );
}
