import { Link, useLocation } from 'react-router';
import { useTitle } from '../ui/use-title';

export function NotFoundPage() {
  useTitle('No such page');
  const location = useLocation();
  return (
    <div className="page">
      <h1>No such page</h1>
      <p>
        Nothing lives at <code>{location.pathname}</code>. Go to the <Link to="/incidents">incidents</Link> or the{' '}
        <Link to="/systems">system catalog</Link>.
      </p>
    </div>
  );
}
