import type { NotificationSettings as Settings } from '@firebreak/contract';
import { targetText } from '../../lib/escalation-target';
import { label } from '../../lib/labels';
import { cadenceLines, type MatrixLine, matrixLines, missingChannels, ROW_LABELS } from './settings-text';

/** Who is told what, by which channel and how soon: the matrix, the channels, escalation, audiences and cadence. */
export function NotificationSettingsView({ settings, nameOf }: { settings: Settings; nameOf(id: string): string }) {
  const missing = missingChannels(settings);
  return (
    <>
      {missing.length > 0 ? (
        <div className="warning" role="status">
          <strong>Some messages would not go out.</strong> The matrix uses{' '}
          {missing.map((item, index) => (
            <span key={item.channel}>
              {index > 0 ? '; ' : ''}
              <strong>{item.channel}</strong> (for {item.rows.map((row) => ROW_LABELS[row]).join(', ')})
            </span>
          ))}
          , which the server has not been given the means to deliver on. Configure the channel on the server (its
          secrets stay there), or take it out of <code>notifications.matrix</code> in firebreak.yaml.
        </div>
      ) : null}
      <MatrixTable lines={matrixLines(settings)} />
      <div className="settings-grid">
        <Channels settings={settings} />
        <section className="panel" aria-labelledby="cadence-title">
          <h2 id="cadence-title">Status-update cadence</h2>
          <p className="small muted">
            How often an open incident owes its readers an update; the war room counts it down.
          </p>
          <ul className="plain-list">
            {cadenceLines(settings.updateCadence).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
        <Audiences settings={settings} nameOf={nameOf} />
      </div>
      <Policies settings={settings} nameOf={nameOf} />
    </>
  );
}

function MatrixTable({ lines }: { lines: readonly MatrixLine[] }) {
  return (
    <section className="panel" aria-labelledby="matrix-title">
      <div className="panel-heading">
        <h2 id="matrix-title">Who is told</h2>
        <span className="muted small">by severity, for near misses and for alerts</span>
      </div>
      {/* It may scroll sideways on a phone: focusable, so a keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="The notification matrix, scrollable">
        <table className="table matrix-table">
          <caption className="visually-hidden">The notification matrix</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Audience</th>
              <th scope="col">Channels</th>
              <th scope="col" className="hide-narrow">
                How soon
              </th>
              <th scope="col" className="hide-narrow">
                Pages
              </th>
              <th scope="col" className="hide-narrow">
                Types
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr
                key={line.path}
                data-row={line.row}
                className={index > 0 && lines[index - 1]?.row !== line.row ? 'matrix-row-start' : undefined}
              >
                <th scope="row">{index === 0 || lines[index - 1]?.row !== line.row ? ROW_LABELS[line.row] : ''}</th>
                <td>
                  {line.audience}
                  <span className="show-narrow small">
                    {` · ${line.within}`}
                    {line.pages ? <strong> · pages</strong> : null}
                    {line.types === 'every type' ? null : <span className="muted"> · {line.types}</span>}
                  </span>
                </td>
                <td>
                  <span className="badges">
                    {line.channels.map(({ channel, readiness }) => (
                      <span
                        key={channel}
                        className={`badge channel-badge channel-${readiness}`}
                        title={
                          readiness === 'not_configured'
                            ? `${channel} is not configured on the server: these messages would not go out`
                            : readiness === 'batched'
                              ? 'joins the recipient’s next digest'
                              : `${channel} is configured`
                        }
                      >
                        {channel}
                        {readiness === 'not_configured' ? ' · not configured' : ''}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="hide-narrow">{line.within}</td>
                <td className="hide-narrow">
                  {line.pages ? <strong>pages</strong> : <span className="muted">no</span>}
                </td>
                <td className="small hide-narrow">{line.types}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Channels({ settings }: { settings: Settings }) {
  return (
    <section className="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">Channels</h2>
      <ul className="plain-list channel-list">
        {settings.channels.map((channel) => (
          <li key={channel.kind} data-channel={channel.kind}>
            <strong>{channel.kind}</strong>{' '}
            {channel.configured ? (
              <span className="badge channel-configured">configured</span>
            ) : (
              <span className="badge channel-off">not configured</span>
            )}
            {channel.describe ? <div className="small muted">{channel.describe}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Audiences({ settings, nameOf }: { settings: Settings; nameOf(id: string): string }) {
  const named = Object.entries(settings.audiences);
  return (
    <section className="panel" aria-labelledby="audiences-title">
      <h2 id="audiences-title">Audiences</h2>
      <p className="small muted">
        On call, the commander and the owning team come from the schedules, roles and system cards; these are named in{' '}
        <code>notifications.audiences</code>. One left out reaches nobody.
      </p>
      {named.length === 0 ? (
        <p className="tone-warn-text small">
          None named: leadership, legal, privacy, support and customers reach nobody.
        </p>
      ) : (
        <dl className="audience-list">
          {named.map(([audience, targets]) => (
            <div key={audience}>
              <dt>{label(audience)}</dt>
              <dd>{targets.map((target) => targetText(target, nameOf)).join(', ')}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Policies({ settings, nameOf }: { settings: Settings; nameOf(id: string): string }) {
  return (
    <section className="panel" aria-labelledby="policies-title">
      <h2 id="policies-title">Escalation policies</h2>
      <p className="small muted">
        When a page goes unacknowledged, the policy of the incident’s system reaches further, step by step; a missed
        acknowledge or contain deadline moves it on at once.
      </p>
      {settings.escalationPolicies.length === 0 ? (
        <p className="tone-warn-text small">
          No escalation policy: an unacknowledged page reaches nobody else. Add one under{' '}
          <code>notifications.escalationPolicies</code>.
        </p>
      ) : null}
      {settings.escalationPolicies.length > 0 && !settings.defaultEscalationPolicy ? (
        <p className="tone-warn-text small">
          No default policy: systems no policy lists escalate nowhere (set{' '}
          <code>notifications.defaultEscalationPolicy</code>).
        </p>
      ) : null}
      <div className="policy-list">
        {settings.escalationPolicies.map((policy) => (
          <article key={policy.id} className="policy" data-policy={policy.id}>
            <h3>
              {policy.id}
              {policy.id === settings.defaultEscalationPolicy ? <span className="badge">default</span> : null}
            </h3>
            <ol className="policy-steps">
              {policy.steps.map((step, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position in the policy
                <li key={index}>
                  <span className="muted small">{step.delay === '0m' ? 'at once' : `after ${step.delay}`}</span>{' '}
                  {step.targets.map((target) => targetText(target, nameOf)).join(', ')}
                </li>
              ))}
            </ol>
            <div className="small">
              {policy.repeat > 0
                ? `Then ${policy.repeat} more time${policy.repeat > 1 ? 's' : ''}, ${policy.repeatDelay} after the last step.`
                : 'Runs once.'}
            </div>
            <div className="small muted">
              {policy.systems.length > 0
                ? `Systems: ${policy.systems.join(', ')}`
                : policy.id === settings.defaultEscalationPolicy
                  ? 'Every system no other policy lists.'
                  : 'No systems: used by none unless it is the default.'}
              {policy.systems.length > 0 && policy.id === settings.defaultEscalationPolicy
                ? '; and every system no other policy lists.'
                : ''}
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}
