import { useAlerts } from '../../data/alerts';

/** The header's count of firing alerts, and how many nobody has acknowledged. */
export function FiringCount() {
  const firing = useAlerts({ status: 'firing', limit: 1000 });
  const count = firing.data?.length ?? 0;
  if (count === 0) return null;
  const waiting = firing.data?.filter((alert) => !alert.acknowledged).length ?? 0;
  return (
    <span
      className={`nav-count ${waiting > 0 ? 'nav-count-waiting' : ''}`}
      title={`${count} firing, ${waiting} not acknowledged`}
    >
      {count}
      <span className="visually-hidden"> firing{waiting > 0 ? `, ${waiting} not acknowledged` : ''}</span>
    </span>
  );
}
