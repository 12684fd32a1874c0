import type { Action } from '@firebreak/contract';
import { Link } from 'react-router';
import { TimeText } from '../../ui/time-text';
import { verdict } from './action-text';

/** Actions as rows: id, incident, title, owner, due (OVERDUE), status, verification and its last result. */
export function ActionTable({
  actions,
  onOpen,
  caption,
}: {
  actions: readonly Action[];
  onOpen(id: string): void;
  caption: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table action-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Incident</th>
            <th scope="col">Title</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Verification</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.id} data-action={action.id} className={action.overdue ? 'row-overdue' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(action.id)}>
                  {action.id}
                </button>
              </th>
              <td data-label="Incident">
                <Link to={`/incidents/${action.incidentId}`}>{action.incidentId}</Link>
              </td>
              <td data-label="Title">
                {action.title}{' '}
                <span className="muted small">
                  {action.type} · {action.priority}
                </span>
              </td>
              <td data-label="Owner">{action.ownerName ?? action.owner ?? <span className="muted">nobody</span>}</td>
              <td data-label="Due">
                <TimeText iso={action.dueAt} variant="short" />
                {action.overdue ? <span className="badge overdue-badge">OVERDUE</span> : null}
              </td>
              <td data-label="Status">
                <span className={`badge action-status action-${action.status}`}>{action.status.replace('_', ' ')}</span>
              </td>
              <td data-label="Verification">
                {action.verification ? action.verification.kind : <span className="muted">none</span>}
                {action.verification ? (
                  <span className={`verdict-chip verdict-${verdict(action.lastVerification).replace(' ', '-')}`}>
                    {verdict(action.lastVerification)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
