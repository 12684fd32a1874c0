import type { TelemetryEvent } from './event';

/**
 * Deploys as the engine sees them: a model, prompt or policy version that telemetry had not
 * carried before. The first version of each is where the stream starts, not a deploy; a canary
 * interleaving old and new is one deploy, at the new version's first event. Plain data.
 */
export interface Deploys {
  /** Versions seen per field (the most recent 32 of each). */
  seen: Record<string, string[]>;
  latest?: { at: number; what: string };
}

const FIELDS = ['model', 'prompt', 'policy'] as const;
const REMEMBERED = 32;

export const emptyDeploys = (): Deploys => ({ seen: {} });

/** Notes an event's versions; a version never seen before (after the first) is a deploy at `at`. */
export function noteVersions(deploys: Deploys, event: TelemetryEvent, at: number): void {
  for (const field of FIELDS) {
    const version = event[field];
    if (version === undefined) continue;
    const seen = (deploys.seen[field] ??= []);
    if (seen.includes(version)) continue;
    if (seen.length > 0 && (deploys.latest === undefined || at >= deploys.latest.at))
      deploys.latest = { at, what: `${field} ${version}` };
    seen.push(version);
    if (seen.length > REMEMBERED) seen.shift();
  }
}
