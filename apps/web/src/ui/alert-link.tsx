import { Link } from 'react-router';

/** The link to an alert's page, named by its id and, where it says something, its monitor. */
export function AlertLink({ alert }: { alert: { id: string; monitor?: string } }) {
  return (
    <Link to={`/alerts/${alert.id}`} className="alert-link">
      <span className="incident-id">{alert.id}</span>
      {alert.monitor ? ` ${alert.monitor}` : null}
    </Link>
  );
}
