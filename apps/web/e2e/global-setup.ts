import { ensureBuilt } from '../scripts/ensure-built';

/** Builds apps/web/dist when it is missing or older than its sources, once per test run. */
export default function setup(): void {
  ensureBuilt();
}
