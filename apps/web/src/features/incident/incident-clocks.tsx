import { isOpen } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { ackClock, containClock, updateClock } from '../../lib/sla';
import { formatDuration } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { ClockText } from '../../ui/clock-text';
import { TimeText } from '../../ui/time-text';

/** The response clocks, live, and the response times derived from the timeline. */
export function IncidentClocks({ incident }: { incident: IncidentDetail }) {
  const now = useNow();
  const ack = ackClock(incident, now);
  const contain = containClock(incident, now);
  const update = updateClock(incident, now);
  const { metrics } = incident;
  // A finished incident runs no clocks: what is left is how long each step took.
  const running = isOpen(incident.status);
  const metric = (name: string, seconds: number | null, hint: string) => (
    <div className="metric" title={hint}>
      <dt>{name}</dt>
      <dd>{formatDuration(seconds)}</dd>
    </div>
  );
  return (
    <section className="clocks" aria-label="Response clocks">
      {running ? (
        <>
          <div className={`clock-card tone-${ack.tone}`}>
            <h2>Acknowledge</h2>
            <ClockText state={ack} />
            <div className="small muted">
              {incident.response.acknowledgedBy
                ? `by ${incident.response.acknowledgedBy}`
                : `due ${incident.severity} SLA`}
            </div>
          </div>
          <div className={`clock-card tone-${contain.tone}`}>
            <h2>Contain</h2>
            <ClockText state={contain} />
            <div className="small muted">target for {incident.severity}</div>
          </div>
          {update ? (
            <div className={`clock-card tone-${update.tone}`}>
              <h2>Next update</h2>
              <ClockText state={update} />
              <div className="small muted">
                {incident.updates?.lastUpdateAt ? (
                  <>
                    last posted <TimeText iso={incident.updates.lastUpdateAt} variant="short" />
                  </>
                ) : (
                  `none posted yet · ${incident.severity} cadence`
                )}
              </div>
            </div>
          ) : null}
        </>
      ) : null}
      <dl className="metrics">
        {metric('Detect', metrics.timeToDetect, 'Onset to detection (needs an onset estimate)')}
        {metric('Acknowledge', metrics.timeToAcknowledge, 'Detection to first acknowledgement')}
        {metric('Isolate', metrics.timeToIsolate, 'Detection to the cause identified (marked by the tech lead)')}
        {metric('Contain', metrics.timeToContain, 'Detection to containment that held')}
        {metric('Resolve', metrics.timeToResolve, 'Detection to resolution')}
      </dl>
      <dl className="moments">
        <div>
          <dt>Onset</dt>
          <dd>
            <TimeText iso={metrics.onsetAt} variant="clock" />
          </dd>
        </div>
        <div>
          <dt>Detected</dt>
          <dd>
            <TimeText iso={metrics.detectedAt} variant="clock" />
          </dd>
        </div>
        <div>
          <dt>Isolated</dt>
          <dd>
            <TimeText iso={metrics.isolatedAt} variant="clock" />
          </dd>
        </div>
      </dl>
    </section>
  );
}
