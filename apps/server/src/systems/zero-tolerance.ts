import type { Tx } from '../db/connect';
import { cardOf } from './store';

/**
 * The flags a system's own monitors treat as zero tolerance (a monitor of `flag:<name>` with the
 * zero_tolerance detector): its canaries and shadows judge them so too, unless told otherwise.
 */
export async function zeroToleranceFlags(tx: Tx, system: string): Promise<Set<string>> {
  const card = await cardOf(tx, system);
  return new Set(
    (card?.monitors ?? [])
      .filter((m) => m.detector === 'zero_tolerance' && m.signal.startsWith('flag:'))
      .map((m) => m.signal.slice('flag:'.length)),
  );
}
