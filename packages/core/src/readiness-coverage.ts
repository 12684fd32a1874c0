import { INCIDENT_TYPE_NAMES, type IncidentType } from './taxonomy';

// Which incident types a monitor's signal can reveal. A signal says what is measured, not why it
// moved, so one signal may cover several types; types no standard signal reveals (extraction,
// poisoning, supply chain, misuse) are covered only by a flag or metric named for them.
const EXACT: Record<string, readonly IncidentType[]> = {
  'flag:pii': ['privacy_leak'],
  'flag:secret': ['privacy_leak'],
  'flag:policy_violation': ['safety_bypass'],
  'flag:refusal': ['model_degradation'],
  'flag:injection_suspected': ['prompt_injection'],
  'flag:hallucination_suspected': ['hallucination_spike'],
  'feedback:negative': ['model_degradation', 'hallucination_spike'],
  error_rate: ['model_degradation'],
  error: ['infrastructure'],
  latency_ms: ['infrastructure'],
  confidence: ['model_degradation', 'distribution_shift'],
  prediction: ['distribution_shift'],
};

/** Words in a custom flag or metric name that say which type it watches for. */
const KEYWORDS: ReadonlyArray<[RegExp, IncidentType]> = [
  [/extract|inversion|scrap/, 'model_extraction'],
  [/poison|backdoor|tamper/, 'data_poisoning'],
  [/supply|vendor|provenance|registry/, 'supply_chain_compromise'],
  [/misuse|abuse|fraud|weapon/, 'misuse'],
  [/jailbreak|unsafe|harm/, 'safety_bypass'],
  [/inject/, 'prompt_injection'],
  [/hallucinat|grounded|faithful|contradict/, 'hallucination_spike'],
  [/bias|fair|parity/, 'bias'],
  [/drift|shift/, 'distribution_shift'],
  [/pii|privacy|leak|secret/, 'privacy_leak'],
  [/accuracy|quality|auc|f1|recall|precision/, 'model_degradation'],
  [/latency|uptime|availability|timeout|5xx/, 'infrastructure'],
];

/**
 * The incident types a monitor on this signal can reveal.
 *
 * @example
 * typesWatchedBy('selection:group'); // ['bias']
 * typesWatchedBy('metric:extraction_queries'); // ['model_extraction']
 */
export function typesWatchedBy(signal: string): IncidentType[] {
  const exact = EXACT[signal];
  if (exact) return [...exact];
  if (signal.startsWith('selection:')) return ['bias'];
  if (signal.startsWith('feature:')) return ['distribution_shift'];
  if (signal.startsWith('flag:') || signal.startsWith('metric:')) {
    const name = signal.slice(signal.indexOf(':') + 1).toLowerCase();
    return [...new Set(KEYWORDS.filter(([word]) => word.test(name)).map(([, type]) => type))];
  }
  return [];
}

export interface SystemCoverage {
  system: string;
  /** Distinct monitors considered (configured, known to the engine, or seen alerting). */
  monitors: number;
  covered: IncidentType[];
  missing: IncidentType[];
  /** covered ÷ the twelve types of the taxonomy. */
  share: number;
}

/** How much of the taxonomy a system's monitors watch, and which types nothing watches. */
export function taxonomyCoverage(
  system: string,
  monitors: ReadonlyArray<{ id: string; signal: string }>,
): SystemCoverage {
  const ids = new Set(monitors.map((m) => m.id));
  const watched = new Set(monitors.flatMap((m) => typesWatchedBy(m.signal)));
  const covered = INCIDENT_TYPE_NAMES.filter((type) => watched.has(type));
  return {
    system,
    monitors: ids.size,
    covered,
    missing: INCIDENT_TYPE_NAMES.filter((type) => !watched.has(type)),
    share: covered.length / INCIDENT_TYPE_NAMES.length,
  };
}
