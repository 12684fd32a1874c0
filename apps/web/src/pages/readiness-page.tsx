import type { Readiness } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { fetchReadinessReport, type ReadinessPeriod, useReadiness } from '../data/readiness';
import { useSession } from '../data/session';
import { BarsChart, TrendChart } from '../features/readiness/readiness-charts';
import { formatDuration } from '../lib/time';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

const TIMES = ['mttd', 'mtta', 'mtti', 'mttc', 'mttr'] as const;
const TIME_NAMES: Record<(typeof TIMES)[number], string> = {
  mttd: 'Onset → detected',
  mtta: 'Detected → acknowledged',
  mtti: 'Detected → cause identified',
  mttc: 'Detected → contained',
  mttr: 'Detected → resolved',
};
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);
const day = (iso: string) => iso.slice(0, 10);

/**
 * Readiness across incidents over a period (a quarter by default): response times with trends,
 * postmortems on time, actions on time and verified, alert precision, taxonomy coverage and drills
 * per team, with the quarterly report to download. Drills' own incidents never count (ADR 38).
 */
export function ReadinessPage() {
  useTitle('Readiness');
  const [period, setPeriod] = useState<ReadinessPeriod>({});
  const readiness = useReadiness(period);
  const r = readiness.data;
  return (
    <div className="page">
      <div className="page-heading">
        <h1>Readiness</h1>
        {r ? (
          <span className="muted">
            {day(r.from)} to {day(new Date(Date.parse(r.to) - 1).toISOString())} · drills left out of every figure but
            their own
          </span>
        ) : null}
      </div>
      <PeriodForm onApply={setPeriod} period={period} />
      {readiness.isPending ? <Loading what="readiness" /> : null}
      <ErrorMessage error={readiness.error} title="Cannot load readiness." />
      {r ? <Figures r={r} /> : null}
    </div>
  );
}

function PeriodForm({ period, onApply }: { period: ReadinessPeriod; onApply(period: ReadinessPeriod): void }) {
  const { token } = useSession();
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };
  const download = async (format: 'md' | 'html') => {
    setProblem(null);
    try {
      const blob = await fetchReadinessReport(token, period, format);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `readiness.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <form className="readiness-period" onSubmit={submit} aria-label="Period">
      <label>
        From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="button">
        Show
      </button>
      <button type="button" className="button button-ghost" onClick={() => void download('html')}>
        Report (HTML)
      </button>
      <button type="button" className="button button-ghost" onClick={() => void download('md')}>
        Report (Markdown)
      </button>
      {problem ? <span role="alert">{problem}</span> : null}
    </form>
  );
}

function Figures({ r }: { r: Readiness }) {
  const trendLabels = r.response.trend.map((p) => day(p.start).slice(5));
  return (
    <>
      <section className="readiness-section" aria-labelledby="readiness-response">
        <h2 id="readiness-response">Response times</h2>
        <p className="small muted">
          {r.incidents.declared} incidents declared; {r.incidents.dismissed} dismissed as false positives (left out of
          the times); {r.incidents.nearMisses} near {r.incidents.nearMisses === 1 ? 'miss' : 'misses'}.
        </p>
        <div className="readiness-stats">
          {TIMES.map((t) => (
            <div key={t} className="readiness-stat">
              <span className="readiness-stat-name">{t.toUpperCase()}</span>
              <strong>{formatDuration(r.response.overall[t].median)}</strong>
              <span className="small muted">
                {TIME_NAMES[t]} · median; mean {formatDuration(r.response.overall[t].mean)} over{' '}
                {r.response.overall[t].count}
              </span>
            </div>
          ))}
        </div>
        <TrendChart
          title={`Mean response times per ${r.bucket}`}
          summary={`Minutes, per ${r.bucket} of declaration.`}
          labels={trendLabels}
          series={(['mttd', 'mtta', 'mttc', 'mttr'] as const).map((t) => ({
            name: t.toUpperCase(),
            values: r.response.trend.map((p) => minutes(p.means[t])),
          }))}
        />
        <GroupTable title="By severity" column="Severity" rows={r.response.bySeverity} />
        <GroupTable title="By type" column="Type" rows={r.response.byType} />
        <GroupTable title="By system" column="System" rows={r.response.bySystem} />
      </section>
      <section className="readiness-section" aria-labelledby="readiness-learning">
        <h2 id="readiness-learning">Learning</h2>
        <div className="readiness-stats">
          <Stat
            name="Postmortems on time"
            value={pct(r.postmortems.share)}
            detail={`published within ${r.postmortems.dueBusinessDays} business days: ${r.postmortems.onTime} on time, ${r.postmortems.late} late, ${r.postmortems.pending} not yet due`}
          />
          <Stat
            name="Actions on time"
            value={pct(r.actions.onTimeShare)}
            detail={`${r.actions.onTime} on time, ${r.actions.late} late, ${r.actions.pending} not yet due`}
          />
          <Stat
            name="Actions verified"
            value={pct(r.actions.verifiedShare)}
            detail={`${r.actions.verified} of ${r.actions.closed} closed actions`}
          />
        </div>
      </section>
      <section className="readiness-section" aria-labelledby="readiness-detection">
        <h2 id="readiness-detection">Detection</h2>
        <div className="readiness-stats">
          <Stat
            name="Alert precision"
            value={pct(r.alerts.precision)}
            detail={`${r.alerts.actedOn} acted on, ${r.alerts.dismissed} dismissed as false positives`}
          />
        </div>
        <BarsChart
          title="Alert precision per monitor (acted on ÷ reviewed)"
          bars={r.alerts.monitors.map((m) => ({
            label: `${m.system} ${m.monitor}`,
            value: m.precision,
            text: `${pct(m.precision)} of ${m.actedOn + m.dismissed}`,
          }))}
        />
        <BarsChart
          title="Taxonomy coverage per system"
          bars={r.coverage.map((c) => ({
            label: c.system,
            value: c.share,
            text: `${c.covered.length} of ${c.covered.length + c.missing.length} types`,
          }))}
        />
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Incident types no monitor watches, per system</caption>
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Monitors</th>
                <th scope="col">Not watched</th>
              </tr>
            </thead>
            <tbody>
              {r.coverage.map((c) => (
                <tr key={c.system}>
                  <td>{c.system}</td>
                  <td>{c.monitors}</td>
                  <td className="small">{c.missing.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="readiness-section" aria-labelledby="readiness-drills">
        <h2 id="readiness-drills">Drills</h2>
        <BarsChart
          title="Drills passed per team"
          max={Math.max(1, ...r.drills.teams.map((t) => t.run))}
          bars={r.drills.teams.map((t) => ({ label: t.team, value: t.passed, text: `${t.passed} of ${t.run} passed` }))}
        />
      </section>
    </>
  );
}

function Stat({ name, value, detail }: { name: string; value: string; detail: string }) {
  return (
    <div className="readiness-stat">
      <span className="readiness-stat-name">{name}</span>
      <strong>{value}</strong>
      <span className="small muted">{detail}</span>
    </div>
  );
}

function GroupTable({
  title,
  column,
  rows,
}: {
  title: string;
  column: string;
  rows: Readiness['response']['bySystem'];
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{title} (medians)</caption>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col">Incidents</th>
            {TIMES.map((t) => (
              <th key={t} scope="col">
                {t.toUpperCase()}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key}>
              <td>{g.key}</td>
              <td>{g.incidents}</td>
              {TIMES.map((t) => (
                <td key={t}>{formatDuration(g.times[t].median)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
