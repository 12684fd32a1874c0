import { useReviewStats } from '../../data/review';

/** The header's count of items waiting for a reviewer. */
export function ReviewNavCount() {
  const stats = useReviewStats({});
  const pending = stats.data?.pending ?? 0;
  if (pending === 0) return null;
  return (
    <span className="nav-count nav-count-waiting" title={`${pending} waiting for a reviewer`}>
      {pending}
      <span className="visually-hidden"> waiting for review</span>
    </span>
  );
}
