import { clockPair, relativeTime } from '../lib/time';
import { useNow } from '../lib/use-now';

/**
 * A moment as responders read it: `10:15 UTC · 11:15 local (12m ago)`, with the exact ISO time
 * on hover and in the `<time>` element for machines. `short` shows only `12m ago`.
 */
export function TimeText({
  iso,
  variant = 'full',
}: {
  iso: string | null | undefined;
  variant?: 'full' | 'clock' | 'short';
}) {
  const now = useNow();
  if (!iso) return <span className="muted">—</span>;
  const clock = clockPair(iso, now);
  if (variant === 'short') {
    return (
      <time dateTime={iso} title={clock} className="time-text">
        {relativeTime(iso, now)}
      </time>
    );
  }
  return (
    <time dateTime={iso} title={iso} className="time-text">
      {clock}
      {variant === 'full' ? <span className="muted"> ({relativeTime(iso, now)})</span> : null}
    </time>
  );
}
