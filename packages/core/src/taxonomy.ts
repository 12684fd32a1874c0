/** Incident categories: what kind of harm the failure does. */
export const CATEGORIES = ['performance', 'safety', 'misuse', 'systemic'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Incident drivers: where the failure comes from. */
export const DRIVERS = ['model', 'data', 'platform', 'policy'] as const;
export type Driver = (typeof DRIVERS)[number];

export interface IncidentTypeInfo {
  /** One line a responder reads in a declare dialog or `--help`. */
  description: string;
  /** The category an incident of this type gets unless the declarer says otherwise. */
  category: Category;
  /** The driver an incident of this type gets unless the declarer says otherwise. */
  driver: Driver;
}

/**
 * The AI incident taxonomy (docs/architecture.md). The defaults are the usual reading of each type;
 * a declarer overrides category or driver when the case differs (a bias incident driven by a
 * policy change, say).
 */
export const INCIDENT_TYPES = {
  model_degradation: {
    description: 'Model quality fell: accuracy, precision/recall or calibration below its baseline.',
    category: 'performance',
    driver: 'model',
  },
  hallucination_spike: {
    description: 'A generative system states falsehoods (policies, facts, citations) at an unusual rate.',
    category: 'performance',
    driver: 'model',
  },
  bias: {
    description: 'Outcomes differ unfairly across groups (selection rate, error rate by segment).',
    category: 'safety',
    driver: 'data',
  },
  safety_bypass: {
    description: 'Safety policy evaded: jailbreaks, harmful content produced despite guardrails.',
    category: 'safety',
    driver: 'policy',
  },
  prompt_injection: {
    description: 'Instructions smuggled into input or retrieved content take control of the system.',
    category: 'misuse',
    driver: 'platform',
  },
  data_poisoning: {
    description: 'Training, fine-tuning or retrieval data was tampered with to change behaviour.',
    category: 'misuse',
    driver: 'data',
  },
  model_extraction: {
    description: 'Model weights, behaviour or training data extracted or inverted through queries.',
    category: 'misuse',
    driver: 'model',
  },
  distribution_shift: {
    description: 'Production inputs drifted from what the model was trained and validated on.',
    category: 'performance',
    driver: 'data',
  },
  privacy_leak: {
    description: "Personal data or secrets disclosed: PII in outputs, another user's data, memorised records.",
    category: 'safety',
    driver: 'data',
  },
  supply_chain_compromise: {
    description: 'A third-party model, dataset, library or vendor API was compromised or changed under you.',
    category: 'systemic',
    driver: 'platform',
  },
  misuse: {
    description: 'The system is used as a weapon: fraud, harassment, disinformation at scale.',
    category: 'misuse',
    driver: 'policy',
  },
  infrastructure: {
    description: 'Integration breakdown: serving, retrieval, feature pipeline or vendor outage degrades AI output.',
    category: 'systemic',
    driver: 'platform',
  },
} as const satisfies Record<string, IncidentTypeInfo>;

export type IncidentType = keyof typeof INCIDENT_TYPES;
export const INCIDENT_TYPE_NAMES = Object.keys(INCIDENT_TYPES) as [IncidentType, ...IncidentType[]];

/** The category and driver for an incident, the type's defaults filling what was not given. */
export function classify(
  type: IncidentType,
  given: { category?: Category | undefined; driver?: Driver | undefined } = {},
): { category: Category; driver: Driver } {
  const info = INCIDENT_TYPES[type];
  return { category: given.category ?? info.category, driver: given.driver ?? info.driver };
}
