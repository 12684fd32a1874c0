import { INCIDENT_TYPE_NAMES, type IncidentType } from '../taxonomy';
import { globMatches } from '../triage-rules';
import type { PlanMonitor, PlanSystem } from './types';

/**
 * How each incident type meets a system: whether it can happen to it at all, which signals a
 * monitor would watch to see it, the steps a responder takes, and the control kinds that contain
 * it. Types no telemetry signal shows (a poisoned dataset, a compromised vendor, weaponisation)
 * arrive by external reports and vendor notices instead, and have no monitor rule.
 */
interface TypeCoverage {
  appliesWhen: (system: PlanSystem) => boolean;
  /** Why it applies, for the taxonomy table. */
  because: string;
  /** Signal globs whose monitor sees it; empty when no telemetry signal does. */
  signals: readonly string[];
  /** Detectors that see it whatever the signal (fairness for bias). */
  detectors?: readonly string[];
  steps: readonly string[];
  controls: readonly string[];
}

/** Generative: it writes text, code or images (an LLM, a RAG pipeline), where injection and hallucination live. */
export function isGenerative(system: PlanSystem): boolean {
  const tags = system.tags.map((tag) => tag.toLowerCase());
  return (
    tags.some((tag) => ['llm', 'genai', 'generative', 'rag', 'agent', 'chat'].includes(tag)) ||
    system.dependencies.some((dependency) => dependency.kind === 'model_api')
  );
}

const always = () => true;
const reachesPeople = (system: PlanSystem) =>
  (system.blastRadius.users ?? 0) > 0 || system.blastRadius.tenants.length > 0;
const decidesAboutPeople = (system: PlanSystem) =>
  system.personalData.processed || system.riskTier === 'high' || system.riskTier === 'unacceptable';
const hasData = (system: PlanSystem) =>
  system.dependencies.some((d) => ['dataset', 'retrieval_index', 'feature_store'].includes(d.kind));
const hasVendors = (system: PlanSystem) =>
  system.model.provider !== undefined || system.dependencies.some((d) => d.kind === 'model_api' || d.kind === 'vendor');

export const TYPE_COVERAGE: Record<IncidentType, TypeCoverage> = {
  model_degradation: {
    appliesWhen: always,
    because: 'every model',
    signals: ['error_rate', 'feedback:negative', 'confidence', 'flag:refusal'],
    steps: [
      'Sample recent outputs and compare them with the last known-good version on the same inputs.',
      'Roll the model or prompt back to the last known-good version.',
      'Route low-confidence outputs to human review while the cause is found.',
    ],
    controls: ['route', 'human_review'],
  },
  hallucination_spike: {
    appliesWhen: isGenerative,
    because: 'it generates text',
    signals: ['flag:hallucination_suspected', 'feedback:negative'],
    steps: [
      'Sample 50 recent outputs and check each against its sources.',
      'Roll the prompt template, model or retrieval index back to the last known-good version.',
      'Hold answers for human review until the sample is clean.',
    ],
    controls: ['route', 'human_review', 'kill_switch'],
  },
  bias: {
    appliesWhen: decidesAboutPeople,
    because: 'its outputs concern people',
    signals: ['selection:*'],
    detectors: ['fairness'],
    steps: [
      'Sample decisions by segment and compute selection and error rates per group.',
      'Route affected decisions to human review; roll back a recent data refresh or model.',
      'Escalate to legal: biased high-stakes output is a SEV2 at least and may be reportable.',
    ],
    controls: ['human_review', 'route'],
  },
  safety_bypass: {
    appliesWhen: isGenerative,
    because: 'it generates text',
    signals: ['flag:policy_violation'],
    steps: [
      'Quarantine the prompts that bypassed the policy, keeping them as evidence.',
      'Tighten the output filter; stop automatic sending if harmful output reached people.',
      'Escalate to legal when harmful content reached a person.',
    ],
    controls: ['output_filter', 'kill_switch'],
  },
  prompt_injection: {
    appliesWhen: isGenerative,
    because: 'it generates text',
    signals: ['flag:injection_suspected'],
    steps: [
      'Quarantine the prompts and retrieved documents that carried the injection, keeping them as evidence.',
      'Disable tool use or automatic actions; tighten the output filter.',
      'Pause ingestion of the poisoned source and purge it from the index.',
    ],
    controls: ['kill_switch', 'output_filter', 'queue'],
  },
  data_poisoning: {
    appliesWhen: hasData,
    because: 'it depends on datasets or an index',
    signals: [],
    steps: [
      'Freeze the data pipeline: pause ingestion, keep the suspect data as evidence.',
      'Roll back to the last bundle or index built before the tampering.',
      'Trace the poisoned records to their source and purge them.',
    ],
    controls: ['queue', 'route'],
  },
  model_extraction: {
    appliesWhen: reachesPeople,
    because: 'people outside the team can query it',
    signals: [],
    steps: [
      'Identify the abusing callers from request volume and throttle or block them.',
      'Keep request logs as evidence; rotate exposed keys.',
      'Escalate to legal and security.',
    ],
    controls: ['throttle'],
  },
  distribution_shift: {
    appliesWhen: always,
    because: 'every model',
    signals: ['feature:*', 'prediction', 'confidence'],
    steps: [
      'Compare recent inputs with the training and validation data, by segment.',
      'Route the shifted segment to human review or a fallback model.',
      'Schedule retraining or re-validation on the new data.',
    ],
    controls: ['human_review', 'route'],
  },
  privacy_leak: {
    appliesWhen: (system) => system.personalData.processed || isGenerative(system),
    because: 'it processes personal data or generates text',
    signals: ['flag:pii', 'flag:secret'],
    steps: [
      'Stop automatic output (kill switch) and route answers with personal data to review.',
      'Keep the leaking outputs as evidence; find whose data was exposed.',
      'Escalate to privacy and legal at once: breach notification clocks (GDPR 72 hours) run from awareness.',
    ],
    controls: ['kill_switch', 'human_review', 'output_filter'],
  },
  supply_chain_compromise: {
    appliesWhen: hasVendors,
    because: 'it relies on third-party models or vendors',
    signals: [],
    steps: [
      'Pin or roll back to the last verified model, dataset or library version.',
      'Check vendor notices and integrity of artefacts (hashes, signatures).',
      'Escalate to security and legal; tell customers if their data was exposed.',
    ],
    controls: ['route', 'kill_switch'],
  },
  misuse: {
    appliesWhen: (system) => isGenerative(system) && reachesPeople(system),
    because: 'people can use its output as a tool',
    signals: [],
    steps: [
      'Identify the abusing accounts and throttle or block them.',
      'Tighten the output filter for the abused capability.',
      'Escalate to legal and trust and safety; preserve evidence for law enforcement.',
    ],
    controls: ['throttle', 'output_filter', 'kill_switch'],
  },
  infrastructure: {
    appliesWhen: always,
    because: 'every system runs on services',
    signals: ['error', 'latency_ms', 'metric:*'],
    steps: [
      'Check the dependencies (retrieval index, vendor API, feature pipeline) on their dashboards.',
      'Fail over or roll the stack bundle back; pause queues that feed a broken pipeline.',
      'Flush caches that hold outputs produced while it was broken.',
    ],
    controls: ['route', 'queue', 'cache'],
  },
};

/** The signals the default monitors watch when the card lists none (every standard signal events carry). */
export const DEFAULT_MONITOR_SIGNALS = [
  'flag:*',
  'feedback:negative',
  'error',
  'error_rate',
  'confidence',
  'latency_ms',
  'prediction',
  'feature:*',
  'metric:*',
  'selection:*',
] as const;

/** The types that can happen to this system, in taxonomy order. */
export function applicableTypes(system: PlanSystem): IncidentType[] {
  return INCIDENT_TYPE_NAMES.filter((type) => TYPE_COVERAGE[type].appliesWhen(system));
}

/** The monitors in force: the card's, or one default monitor per standard signal. */
export function monitorsInForce(system: PlanSystem): { defaults: boolean; monitors: PlanMonitor[] } {
  if (system.monitors.length > 0) return { defaults: false, monitors: [...system.monitors] };
  return {
    defaults: true,
    monitors: DEFAULT_MONITOR_SIGNALS.map((signal) => ({
      id: `default:${signal}`,
      signal,
      ...(system.runbook ? { runbook: system.runbook } : {}),
    })),
  };
}

/** Whether a monitor sees a type: its signal matches one the type shows on, or its detector is one that sees it. */
export function watches(monitor: PlanMonitor, type: IncidentType): boolean {
  const coverage = TYPE_COVERAGE[type];
  if (monitor.detector !== undefined && coverage.detectors?.includes(monitor.detector)) return true;
  // A default monitor on `flag:*` stands for every flag; a card's glob signal is matched the same way.
  return coverage.signals.some(
    (signal) => globMatches(signal, monitor.signal) || globMatches(monitor.signal, signal.replace('*', 'x')),
  );
}
