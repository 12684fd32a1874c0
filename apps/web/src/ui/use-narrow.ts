import { useSyncExternalStore } from 'react';

/** The width under which the war room lays out for a phone (the same as the stylesheet's). */
export const NARROW_QUERY = '(max-width: 720px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * True on a phone-sized screen. There the war room reads and acknowledges, and does nothing
 * else: no declaring, no updates, no changes, so shortcuts that would do those stay unbound.
 *
 * @example
 * const narrow = useNarrow();
 * useShortcut('u', compose, canWrite && !narrow);
 */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
}
