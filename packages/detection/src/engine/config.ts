import { durationMs } from '@firebreak/core';
import {
  DEFAULT_BASELINE_WINDOWS,
  DEFAULT_WINDOW_MS,
  type DetectorName,
  defaultDetector,
  type MonitorSpec,
} from './monitor';

/** A monitor as firebreak.yaml writes it (the contract's MonitorConfig, validated). */
export interface MonitorConfig {
  id: string;
  signal: string;
  detector?: DetectorName | undefined;
  params: Record<string, number | string | boolean>;
  window?: string | undefined;
  baselineWindows?: number | undefined;
  segmentBy?: string | undefined;
  owner?: string | undefined;
  runbook?: string | undefined;
}

/** The parts of a system card that monitors read. */
export interface MonitoredSystem {
  id: string;
  owner: string;
  runbook?: string | undefined;
  monitors: MonitorConfig[];
}

/** The engine's monitors for a system card; null when the card lists none (defaults apply). */
export function monitorsOf(card: MonitoredSystem): MonitorSpec[] | null {
  if (card.monitors.length === 0) return null;
  return card.monitors.map((config) => toSpec(card, config));
}

function toSpec(card: MonitoredSystem, config: MonitorConfig): MonitorSpec {
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
