import type { SystemCard } from '@firebreak/contract';
import type { Tx } from '../db/connect';
import { cardOf } from './store';

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

/** zeroToleranceOf the system's card, read in the caller's transaction. */
export async function zeroToleranceFlags(tx: Tx, system: string): Promise<Set<string>> {
  return zeroToleranceOf(await cardOf(tx, system));
}
