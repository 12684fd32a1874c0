import { Link } from 'react-router';
import { useDirectory, useOnCallNow } from '../data/oncall';
import { useSession } from '../data/session';
import { DirectoryEmpty } from '../features/oncall/directory-empty';
import { PeopleList, TeamList } from '../features/oncall/people-and-teams';
import { ScheduleCard } from '../features/oncall/schedule-card';
import { TakeThePager } from '../features/oncall/take-the-pager';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { TimeText } from '../ui/time-text';
import { useTitle } from '../ui/use-title';

/**
 * Who can be reached: for every schedule who is on call now and until when, the next two weeks,
 * its overrides and calendar feed; taking the pager; people with their local time; teams.
 */
export function OnCallPage() {
  useTitle('On call');
  const { canWrite } = useSession();
  const directory = useDirectory();
  const onCall = useOnCallNow();
  const view = directory.data;
  // Revision 0 (nothing applied) or a directory applied without anyone in it: either way, teach.
  const empty = view !== undefined && view.directory.people.length === 0 && view.directory.schedules.length === 0;
  const names = new Map(view?.directory.people.map((person) => [person.id, person.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return (
    <div className="page oncall-page">
      <div className="page-heading">
        <h1>On call</h1>
        {view && view.revision > 0 ? (
          <span className="muted small">
            directory revision {view.revision}
            {view.appliedBy ? ` by ${view.appliedBy}` : ''} · <TimeText iso={view.appliedAt} variant="short" /> ·{' '}
            <Link to="/notifications">who is told what</Link>
          </span>
        ) : null}
      </div>
      {directory.isPending ? <Loading what="the directory" /> : null}
      <ErrorMessage error={directory.error} title="Cannot load the directory." />
      <ErrorMessage error={onCall.error} title="Cannot tell who is on call." />
      {empty ? <DirectoryEmpty /> : null}
      {view && !empty ? (
        <>
          {view.directory.schedules.length === 0 ? (
            <p className="notice">
              The directory has people but no schedules, so nobody is on call: add a <code>schedules:</code> section to
              firebreak.yaml and apply it.
            </p>
          ) : null}
          <div className="schedule-grid">
            {view.directory.schedules.map((schedule) => (
              <ScheduleCard
                key={schedule.id}
                schedule={schedule}
                directory={view.directory}
                revision={view.revision}
                now={onCall.data?.onCall.find((row) => row.schedule === schedule.id)}
                nameOf={nameOf}
              />
            ))}
          </div>
          {canWrite && view.directory.schedules.length > 0 && view.directory.people.length > 0 ? (
            <TakeThePager directory={view.directory} nameOf={nameOf} />
          ) : null}
          <PeopleList directory={view.directory} />
          <TeamList directory={view.directory} nameOf={nameOf} />
        </>
      ) : null}
    </div>
  );
}
