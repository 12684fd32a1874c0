import type { ReportListItem } from '@firebreak/contract';
import { Link, useSearchParams } from 'react-router';
import { useReportList } from '../data/reports';
import { relativeTime, utcMinute } from '../lib/time';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

const TABS = { open: 'Open', overdue: 'Overdue', all: 'All' } as const;
type Tab = keyof typeof TABS;

/** What is owed on a report next, and whether it is late. */
function owed(report: ReportListItem, now: Date): { text: string; late: boolean } {
  const { clocks } = report;
  if (!report.acknowledgedAt && report.status !== 'dismissed')
    return {
      text: `Acknowledge by ${utcMinute(clocks.acknowledgeBy)} (${relativeTime(clocks.acknowledgeBy, now)})`,
      late: clocks.acknowledgeOverdue,
    };
  if (clocks.updateBy)
    return {
      text: `Update by ${utcMinute(clocks.updateBy)} (${relativeTime(clocks.updateBy, now)})`,
      late: clocks.updateOverdue,
    };
  return { text: report.status, late: false };
}

/**
 * External reports from users and researchers (the public form at /report): the triage queue
 * with each report's acknowledge and update clocks, overdue ones marked. Acknowledging, updating
 * and linking are `firebreak reports …` for now.
 */
export function ReportsPage() {
  useTitle('Reports');
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'overdue' || params.get('tab') === 'all' ? (params.get('tab') as Tab) : 'open';
  const list = useReportList(tab === 'all' ? { status: 'all' } : tab === 'overdue' ? { overdue: true } : {});
  const now = new Date();
  const rows = list.data ?? [];
  return (
    <div className="page reports-page">
      <div className="page-heading">
        <h1>Reports</h1>
        <span className="muted small">
          From users and researchers through <a href="/report">the public form</a>: acknowledge within 24 h, update
          every 72 h.
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label="Which reports">
        {(Object.keys(TABS) as Tab[]).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={tab === value}
            className={`tab ${tab === value ? 'tab-selected' : ''}`}
            onClick={() => setParams(new URLSearchParams({ tab: value }), { replace: true })}
          >
            {TABS[value]}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS[tab]}>
        {list.isPending ? <Loading what="the reports" /> : null}
        <ErrorMessage error={list.error} title="Cannot load the reports." />
        {list.data && rows.length === 0 ? (
          <EmptyState title={tab === 'overdue' ? 'Nothing is overdue.' : 'No reports.'}>
            Reports arrive through /report or POST /api/v1/reports.
          </EmptyState>
        ) : null}
        {rows.length > 0 ? (
          <table className="table report-table">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Status</th>
                <th scope="col">Kind</th>
                <th scope="col">Received</th>
                <th scope="col">Owed</th>
                <th scope="col">Incident</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((report) => {
                const next = owed(report, now);
                return (
                  <tr key={report.reference} className={next.late ? 'row-overdue' : undefined}>
                    <td>
                      <code>{report.reference}</code>
                    </td>
                    <td>{report.status}</td>
                    <td>{report.kind.replaceAll('_', ' ')}</td>
                    <td title={report.receivedAt}>{relativeTime(report.receivedAt, now)}</td>
                    <td>
                      {next.text}
                      {next.late ? <span className="badge overdue-badge">overdue</span> : null}
                    </td>
                    <td>
                      {report.incidentId ? <Link to={`/incidents/${report.incidentId}`}>{report.incidentId}</Link> : ''}
                    </td>
                    <td>{report.summary}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
