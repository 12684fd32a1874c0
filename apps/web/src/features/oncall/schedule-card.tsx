import type { DirectoryView, OnCallResponse } from '@firebreak/contract';
import { useState } from 'react';
import { calendarPath, useDownloadCalendar, useRemoveOverride, useUpcomingShifts } from '../../data/oncall';
import { useSession } from '../../data/session';
import { decidedBy, SHIFT_HORIZON_DAYS, type Shift } from '../../lib/shifts';
import { formatDuration } from '../../lib/time';
import { ErrorMessage } from '../../ui/error-message';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';

type Directory = DirectoryView['directory'];
type Schedule = Directory['schedules'][number];
type Override = Directory['overrides'][number];

/** Shifts listed before "Show all": a week of daily hand-offs, enough for a weekly rotation's fortnight. */
const FIRST_SHIFTS = 8;

/** How long a shift lasts, `7d`, `12h`; `open-ended` when the schedule names no end. */
function lengthOf(shift: Shift): string {
  if (!shift.until) return 'open-ended';
  return formatDuration(Math.round((Date.parse(shift.until) - Date.parse(shift.from)) / 1000));
}

/**
 * One schedule: who is on call now and until when, what decided it, the next two weeks of
 * shifts, its overrides (removable by responders) and its calendar feed.
 */
export function ScheduleCard({
  schedule,
  directory,
  revision,
  now,
  nameOf,
}: {
  schedule: Schedule;
  directory: Directory;
  revision: number;
  now: OnCallResponse['onCall'][number] | undefined;
  nameOf(id: string): string;
}) {
  const team = directory.teams.find((candidate) => candidate.schedule === schedule.id);
  const overrides = directory.overrides.filter((override) => override.schedule === schedule.id);
  const headingId = `schedule-${schedule.id}`;
  return (
    <section className="panel schedule-card" aria-labelledby={headingId} data-schedule={schedule.id}>
      <div className="panel-heading">
        <h2 id={headingId}>{schedule.name}</h2>
        <span className="muted small">
          {schedule.id} · hand-offs in {schedule.timeZone}
          {team ? ` · team ${team.name}` : ''}
        </span>
      </div>
      <OnCallNow row={now} />
      <UpcomingShifts schedule={schedule.id} revision={revision} layered={schedule.layers.length > 1} />
      <OverrideList overrides={overrides} nameOf={nameOf} />
      <CalendarFeed schedule={schedule.id} />
    </section>
  );
}

function OnCallNow({ row }: { row: OnCallResponse['onCall'][number] | undefined }) {
  if (!row) return <Loading what="who is on call" />;
  if (!row.person)
    return (
      <div className="oncall-now tone-bad" role="status">
        <strong>Nobody is on call now.</strong> A page for this schedule reaches nobody: add an override below, or a
        rotation that covers now in firebreak.yaml.
      </div>
    );
  const why = decidedBy(row);
  return (
    <div className={`oncall-now ${row.override ? 'tone-warn' : ''}`}>
      <div className="oncall-who">
        <span className="oncall-label">On call now</span> <strong>{row.name ?? row.person}</strong>
        {why ? <span className="muted small"> · {why}</span> : null}
      </div>
      <div className="small">
        {row.until ? (
          <>
            until <TimeText iso={row.until} />
          </>
        ) : (
          'with no hand-off planned'
        )}
      </div>
    </div>
  );
}

/** `layered`: the schedule has several layers, so which one decided a shift is worth saying. */
function UpcomingShifts({ schedule, revision, layered }: { schedule: string; revision: number; layered: boolean }) {
  const shifts = useUpcomingShifts(schedule, revision);
  const [all, setAll] = useState(false);
  const list = shifts.data?.shifts ?? [];
  const shown = all ? list : list.slice(0, FIRST_SHIFTS);
  return (
    <div className="shifts">
      <h3>Next {SHIFT_HORIZON_DAYS} days</h3>
      {shifts.isPending ? <Loading what="the shifts" /> : null}
      <ErrorMessage error={shifts.error} title="Cannot work out the shifts." />
      {list.length > 0 ? (
        <ol className="shift-list">
          {shown.map((shift, index) => (
            <li key={shift.from} className={shift.person ? (shift.override ? 'shift-override' : '') : 'shift-gap'}>
              <span className="shift-who">{shift.person ? (shift.name ?? shift.person) : 'Nobody on call'}</span>
              <span className="shift-when small">
                {index === 0 ? 'now' : <TimeText iso={shift.from} variant="clock" />} →{' '}
                {shift.until ? <TimeText iso={shift.until} variant="clock" /> : 'no end planned'}
                <span className="muted"> ({lengthOf(shift)})</span>
              </span>
              {shift.override || layered ? <span className="muted small">{decidedBy(shift)}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {list.length > shown.length ? (
        <button type="button" className="button button-small button-ghost" onClick={() => setAll(true)}>
          Show all {list.length} shifts
        </button>
      ) : null}
      {shifts.data && !shifts.data.complete ? (
        <p className="muted small">More hand-offs follow than are listed here; the calendar feed has them all.</p>
      ) : null}
      {list.at(-1)?.person === null && list.length > 0 ? (
        <p className="muted small">
          After a gap the server does not say who comes next; the calendar feed lists every shift.
        </p>
      ) : null}
    </div>
  );
}

function OverrideList({ overrides, nameOf }: { overrides: readonly Override[]; nameOf(id: string): string }) {
  const { canWrite } = useSession();
  const remove = useRemoveOverride();
  if (overrides.length === 0) return null;
  return (
    <div className="overrides">
      <h3>Overrides</h3>
      <ul className="override-list">
        {overrides.map((override) => (
          <li key={override.id} data-override={override.id}>
            <div>
              <strong>{nameOf(override.person)}</strong>
              {override.replacing ? ` in place of ${nameOf(override.replacing)}` : ' for everyone'}{' '}
              <span className="muted small">({override.id})</span>
            </div>
            <div className="small">
              <TimeText iso={override.from} variant="clock" /> → <TimeText iso={override.to} variant="clock" />
            </div>
            {override.reason ? <div className="small muted">{override.reason}</div> : null}
            {canWrite ? (
              <button
                type="button"
                className="button button-small button-ghost write-only"
                disabled={remove.isPending}
                onClick={() => remove.mutate(override.id)}
                aria-label={`Remove override ${override.id}`}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={remove.error} title="Override not removed." />
    </div>
  );
}

function CalendarFeed({ schedule }: { schedule: string }) {
  const download = useDownloadCalendar();
  return (
    <div className="calendar-feed small">
      <button
        type="button"
        className="button button-small"
        onClick={() => download.mutate(schedule)}
        disabled={download.isPending}
      >
        {download.isPending ? 'Downloading…' : 'Download calendar (.ics)'}
      </button>{' '}
      <span className="muted">
        iCalendar feed: <code>{calendarPath(schedule)}</code> (a week back, eight ahead; the API asks for a token, sent
        as <code>Authorization: Bearer</code>)
      </span>
      <ErrorMessage error={download.error} title="Calendar not downloaded." />
    </div>
  );
}
