import { formatNumber, formatShare } from './alert-text';

type Format = 'number' | 'share' | 'count' | 'probability' | 'sigma' | 'nats' | 'windows' | 'time';

/** What each number a detector records is, in words, and how it reads. */
const DETAILS: Record<string, { label: string; format: Format }> = {
  psi: { label: 'Population stability index (PSI)', format: 'number' },
  psiWarn: { label: 'PSI warn line', format: 'number' },
  psiPage: { label: 'PSI page line', format: 'number' },
  ks: { label: 'Kolmogorov–Smirnov statistic', format: 'number' },
  chiSquare: { label: 'Chi-square statistic', format: 'number' },
  dof: { label: 'Degrees of freedom', format: 'count' },
  jensenShannon: { label: 'Jensen–Shannon distance', format: 'number' },
  wasserstein: { label: 'Wasserstein distance', format: 'number' },
  pValue: { label: 'p-value', format: 'probability' },
  pageAlpha: { label: 'Page significance level', format: 'probability' },
  warnAlpha: { label: 'Warn significance level', format: 'probability' },
  count: { label: 'Events in the window', format: 'count' },
  referenceCount: { label: 'Events in the reference', format: 'count' },
  baselineRate: { label: 'Baseline rate', format: 'share' },
  hits: { label: 'Hits in the window', format: 'count' },
  trials: { label: 'Events in the window', format: 'count' },
  disparateImpact: { label: 'Disparate impact (lowest ÷ highest selection rate)', format: 'number' },
  parityDifference: { label: 'Parity difference (highest − lowest selection rate)', format: 'share' },
  lowestRate: { label: 'Lowest selection rate', format: 'share' },
  highestRate: { label: 'Highest selection rate', format: 'share' },
  groups: { label: 'Groups compared', format: 'count' },
  windowMean: { label: 'Window mean', format: 'number' },
  baselineMean: { label: 'Baseline mean', format: 'number' },
  baselineSd: { label: 'Baseline standard deviation', format: 'number' },
  z: { label: 'Distance from the baseline', format: 'sigma' },
  warnSigma: { label: 'Warn line', format: 'sigma' },
  pageSigma: { label: 'Page line', format: 'sigma' },
  warnRun: { label: 'Windows in a row to warn', format: 'count' },
  pageRun: { label: 'Windows in a row to page', format: 'count' },
  pageArlWindows: { label: 'Expected windows between false pages', format: 'windows' },
  warnArlWindows: { label: 'Expected windows between false warnings', format: 'windows' },
  lambda: { label: 'EWMA smoothing (λ)', format: 'number' },
  pageL: { label: 'EWMA page width', format: 'sigma' },
  warnL: { label: 'EWMA warn width', format: 'sigma' },
  k: { label: 'CUSUM allowance (k)', format: 'sigma' },
  pageH: { label: 'CUSUM page limit (h)', format: 'sigma' },
  warnH: { label: 'CUSUM warn limit (h)', format: 'sigma' },
  expected: { label: 'Normal for this hour', format: 'number' },
  sd: { label: 'Usual spread for this hour', format: 'number' },
  cusum: { label: 'CUSUM (small lasting shifts)', format: 'sigma' },
  cusumPageLimit: { label: 'CUSUM page limit', format: 'sigma' },
  cusumWarnLimit: { label: 'CUSUM warn limit', format: 'sigma' },
  fastCusum: { label: 'Fast CUSUM (large shifts)', format: 'sigma' },
  fastCusumPageLimit: { label: 'Fast CUSUM page limit', format: 'sigma' },
  effect: { label: 'Size of the change (relative)', format: 'share' },
  hour: { label: 'Hour of the day (UTC)', format: 'count' },
  deployHold: { label: 'Held after a deploy', format: 'count' },
  segmentValue: { label: 'This segment', format: 'number' },
  segmentCount: { label: 'Events in this segment', format: 'count' },
  restValue: { label: 'The rest of the system', format: 'number' },
  restCount: { label: 'Events in the rest', format: 'count' },
  segmentOverRest: { label: 'This segment ÷ the rest', format: 'number' },
  cohortRate: { label: 'Error rate of recent predictions, by their labels so far', format: 'share' },
  cohortExpectedRate: { label: 'Normal for labels that late', format: 'share' },
  cohortLabels: { label: 'Labels of recent predictions', format: 'count' },
  cohortPValue: { label: 'p-value of recent predictions (corrected for the starts tried)', format: 'probability' },
  cohortStart: { label: 'Predictions wrong more often since', format: 'time' },
  groupCusum: { label: 'Evidence the group is selected less than the rest (CUSUM)', format: 'nats' },
  groupCusumPageLimit: { label: 'Group CUSUM page limit', format: 'nats' },
  groupCusumWarnLimit: { label: 'Group CUSUM warn limit', format: 'nats' },
  runSegmentValue: { label: 'This group’s selection rate since the change began', format: 'share' },
  runSegmentCount: { label: 'Decisions for this group since the change began', format: 'count' },
  runRestValue: { label: 'The rest’s selection rate since the change began', format: 'share' },
  runRestCount: { label: 'Decisions for the rest since the change began', format: 'count' },
  runSegmentOverRest: { label: 'This group ÷ the rest since the change began', format: 'number' },
};

/** `pageArlWindows` → `Page arl windows`: the fallback for a number no entry above names yet. */
function spelled(key: string): string {
  const text = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatted(value: number, format: Format): string {
  switch (format) {
    case 'share':
      return formatShare(value);
    case 'count':
      return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';
    case 'probability':
      return value > 0 && value < 0.001 ? value.toExponential(1) : formatNumber(value);
    case 'sigma':
      return `${formatNumber(value)} σ`;
    case 'nats':
      return `${formatNumber(value)} nats`;
    case 'windows':
      return `${formatNumber(value)} windows`;
    case 'number':
      return formatNumber(value);
    case 'time':
      return Number.isFinite(value) ? `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
  }
}

/**
 * A detector's recorded number as a person reads it: its name in words and its value with its
 * unit, the identifier kept for whoever searches the code or the API.
 *
 * @example
 * detailLabel('pageAlpha', 0.001); // { label: 'Page significance level', value: '0.001', key: 'pageAlpha' }
 * detailLabel('z', 3.2); // { label: 'Distance from the baseline', value: '3.2 σ', key: 'z' }
 */
export function detailLabel(key: string, value: number): { label: string; value: string; key: string } {
  const known = DETAILS[key];
  return { label: known?.label ?? spelled(key), value: formatted(value, known?.format ?? 'number'), key };
}
