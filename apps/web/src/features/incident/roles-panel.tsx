import { ROLE_NAMES, ROLES, type Role } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { useState } from 'react';
import { useSession } from '../../data/session';
import { isEditable } from '../../lib/finished';
import { label } from '../../lib/labels';
import { TimeText } from '../../ui/time-text';
import { RoleDialog } from './role-dialog';

/** Who holds each incident role, what the role is for, and assigning or vacating it. */
export function RolesPanel({ incident }: { incident: IncidentDetail }) {
  const { canWrite } = useSession();
  const [editing, setEditing] = useState<{ role: Role; vacate: boolean }>();
  const closed = !isEditable(incident.status);
  return (
    <section className="panel" aria-labelledby="roles-title">
      <h2 id="roles-title">Roles</h2>
      <ul className="roles">
        {ROLE_NAMES.map((role) => {
          const holder = incident.roles.find((item) => item.role === role);
          return (
            <li key={role} className="role-row" data-role={role}>
              <div className="role-main">
                <span className="role-name" title={ROLES[role]}>
                  {label(role)}
                </span>
                {holder ? (
                  <span className="role-holder">
                    {holder.person}{' '}
                    <span className="muted small">
                      since <TimeText iso={holder.since} variant="short" />
                    </span>
                  </span>
                ) : (
                  <span className="muted">vacant</span>
                )}
              </div>
              <div className="role-hint small muted">{ROLES[role]}</div>
              {canWrite && !closed ? (
                <div className="role-actions write-only">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setEditing({ role, vacate: false })}
                    aria-label={`${holder ? 'Reassign' : 'Assign'} ${label(role).toLowerCase()}`}
                  >
                    {holder ? 'Reassign' : 'Assign'}
                  </button>
                  {holder ? (
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      onClick={() => setEditing({ role, vacate: true })}
                      aria-label={`Vacate ${label(role).toLowerCase()}`}
                    >
                      Vacate
                    </button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editing ? (
        <RoleDialog
          incident={incident}
          role={editing.role}
          vacate={editing.vacate}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </section>
  );
}
