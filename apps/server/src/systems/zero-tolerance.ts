import type { SystemCard } from '@firebreak/contract';

/**
 * The flags a card's own monitors treat as zero tolerance (a monitor of `flag:<name>` with the
 * zero_tolerance detector): its canaries and shadows judge them so too, unless told otherwise.
 */
export function zeroToleranceOf(card: Pick<SystemCard, 'monitors'> | undefined): Set<string> {
  return new Set(
    (card?.monitors ?? [])
      .filter((m) => m.detector === 'zero_tolerance' && m.signal.startsWith('flag:'))
      .map((m) => m.signal.slice('flag:'.length)),
  );
}
