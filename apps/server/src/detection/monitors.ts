import { durationMs, type MonitorConfig, type SystemCard } from '@firebreak/contract';
import { DEFAULT_BASELINE_WINDOWS, DEFAULT_WINDOW_MS, defaultDetector, type MonitorSpec } from '@firebreak/detection';

/** The engine's monitors for a system card; null when the card lists none (defaults apply). */
export function monitorsOf(card: SystemCard): MonitorSpec[] | null {
  if (card.monitors.length === 0) return null;
  return card.monitors.map((config) => toSpec(card, config));
}

function toSpec(card: SystemCard, config: MonitorConfig): MonitorSpec {
  const detector = config.detector ?? defaultDetector(config.signal);
  const runbook = config.runbook ?? card.runbook;
  return {
    id: config.id,
    system: card.id,
    signal: config.signal,
    detector,
    params: config.params,
    windowMs: config.window ? durationMs(config.window) : DEFAULT_WINDOW_MS,
    baselineWindows: config.baselineWindows ?? (detector === 'zero_tolerance' ? 0 : DEFAULT_BASELINE_WINDOWS),
    ...(config.segmentBy ? { segmentBy: config.segmentBy } : {}),
    owner: config.owner ?? card.owner,
    ...(runbook ? { runbook } : {}),
  };
}
