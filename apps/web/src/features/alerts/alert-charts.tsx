import type { Alert } from '@firebreak/contract';
import { useAlertSeries } from '../../data/alerts';
import { HistogramChart, SelectionChart } from './bar-charts';
import { controlChartModel, histogramModel, selectionModel } from './chart-models';
import { ControlChart } from './control-chart';

/** What a reader needs to read a detector's chart right, where the lines alone would mislead. */
const NOTES: Record<string, string> = {
  rate: 'The alerting rate depends on how many events a window holds; the line is the one for the deciding window.',
  drift: 'A window alerts when its PSI crosses a line and a chi-square test says the shift is more than chance.',
  fairness:
    'A window alerts when the ratio is under the four-fifths line and a chi-square test says the groups really differ.',
  ewma: 'The EWMA smooths the standardised window means; its lines are calibrated to the monitor’s false-alarm budget.',
  cusum:
    'The CUSUM adds up deviations from the baseline; its lines are calibrated to the monitor’s false-alarm budget.',
  shewhart:
    'A window alerts when enough consecutive windows are beyond a line on the same side, as the false-alarm budget needs.',
};

/**
 * The charts an alert's evidence supports: always the control chart of the monitor's recent
 * windows, carried on past the deciding one while the engine still holds the series; for drift,
 * reference against current; for fairness, the per-group selection rates.
 */
export function AlertCharts({ alert }: { alert: Alert }) {
  // Until the live series answers (or if it fails), the chart as the evidence froze it.
  const live = useAlertSeries(alert).data;
  const series = controlChartModel(alert.evidence, alert.onset, live);
  const histogram = histogramModel(alert.evidence);
  const selection = selectionModel(alert.evidence);
  if (!series && !histogram && !selection) {
    return (
      <p className="muted">
        {alert.id} was raised before alerts carried the history their charts need; its window and sample events are
        below.
      </p>
    );
  }
  return (
    <div className="alert-charts">
      {series ? (
        <ControlChart
          model={series}
          title={`${alert.monitor}: ${series.measure}, window by window`}
          note={NOTES[alert.detector]}
          {...(live && !live.live && live.note
            ? { stale: `Windows since the alert are not shown: ${live.note}.` }
            : {})}
        />
      ) : null}
      {histogram ? (
        <HistogramChart model={histogram} title={`${alert.signal}: reference period against the deciding window`} />
      ) : null}
      {selection ? (
        <SelectionChart model={selection} title={`${alert.signal}: selection rate per group in the deciding window`} />
      ) : null}
    </div>
  );
}
