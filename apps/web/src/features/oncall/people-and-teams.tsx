import type { DirectoryView } from '@firebreak/contract';
import { useNow } from '../../lib/use-now';
import { zoneClock } from '../../lib/zone-clock';

type Directory = DirectoryView['directory'];
type Person = Directory['people'][number];

/** How a person can be reached, in short: `email, Slack, +1 sms`. */
function reachOf(person: Person): string {
  const ways = [person.email ? 'email' : undefined, person.slackId ? 'Slack' : undefined];
  for (const method of person.contactMethods) ways.push(method.kind === 'slack' ? 'Slack' : method.kind);
  const unique = [...new Set(ways.filter((way): way is string => way !== undefined))];
  return unique.length > 0 ? unique.join(', ') : 'no way to reach them';
}

/** Everyone in the directory with their zone and the time it is there now (night marked), and their teams. */
export function PeopleList({ directory }: { directory: Directory }) {
  const now = useNow();
  const teamsOf = (id: string) => directory.teams.filter((team) => team.members.includes(id)).map((team) => team.name);
  const people = [...directory.people].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel" aria-labelledby="people-title">
      <div className="panel-heading">
        <h2 id="people-title">People</h2>
        <span className="muted small">{people.length} in the directory</span>
      </div>
      <div className="table-wrap">
        <table className="table people-table">
          <caption className="visually-hidden">People, their time zones and local time</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Local time</th>
              <th scope="col" className="hide-narrow">
                Time zone
              </th>
              <th scope="col" className="hide-narrow">
                Teams
              </th>
              <th scope="col" className="hide-narrow">
                Reached by
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => {
              const clock = zoneClock(person.timeZone, now);
              return (
                <tr key={person.id} data-person={person.id}>
                  <td>
                    {person.name} <span className="muted small">{person.id}</span>
                  </td>
                  <td>
                    <span className="local-time">
                      {clock.weekday} {clock.time}
                    </span>{' '}
                    <span className="muted small">{clock.offset}</span>
                    {clock.night ? <span className="badge night-badge">night</span> : null}
                  </td>
                  <td className="hide-narrow">{person.timeZone}</td>
                  <td className="hide-narrow">{teamsOf(person.id).join(', ') || <span className="muted">—</span>}</td>
                  <td
                    className={`hide-narrow ${person.email || person.slackId || person.contactMethods.length ? '' : 'tone-warn-text'}`}
                  >
                    {reachOf(person)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Teams with their members and the schedule that says who of them is on call. */
export function TeamList({ directory, nameOf }: { directory: Directory; nameOf(id: string): string }) {
  if (directory.teams.length === 0) return null;
  const scheduleName = (id: string) => directory.schedules.find((schedule) => schedule.id === id)?.name ?? id;
  return (
    <section className="panel" aria-labelledby="teams-title">
      <div className="panel-heading">
        <h2 id="teams-title">Teams</h2>
      </div>
      <ul className="team-list">
        {directory.teams.map((team) => (
          <li key={team.id} data-team={team.id}>
            <strong>{team.name}</strong> <span className="muted small">{team.id}</span>
            <div className="small">
              {team.members.length > 0 ? (
                team.members.map(nameOf).join(', ')
              ) : (
                <span className="muted">no members</span>
              )}
            </div>
            <div className="small muted">
              {team.schedule ? `on call: ${scheduleName(team.schedule)}` : 'no on-call schedule'}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
