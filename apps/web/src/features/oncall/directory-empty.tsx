import { EmptyState } from '../../ui/states';

const EXAMPLE = `people:
  - id: dana-reyes
    name: Dana Reyes
    email: dana@example.com
    timeZone: Europe/Berlin
  - id: lee-park
    name: Lee Park
    slackId: U024BE7LH
    timeZone: America/New_York
teams:
  - id: support-ai
    name: Support AI
    members: [dana-reyes, lee-park]
    schedule: support-ai-primary
schedules:
  - id: support-ai-primary
    name: Support AI primary
    timeZone: Europe/Berlin
    layers:
      - id: weekly
        rotations:
          - { members: [dana-reyes, lee-park], turn: weekly, handoff: "09:00", start: "2026-11-02" }`;

/** What the on-call page teaches while no directory has been applied (revision 0). */
export function DirectoryEmpty() {
  return (
    <EmptyState title="Nobody can be reached yet">
      <p>
        Firebreak pages whoever a schedule has on call, tells the owning team, and escalates when nobody acknowledges.
        For that it needs to know the people, the teams they form and who takes turns holding the pager. They live in{' '}
        <code>firebreak.yaml</code>, beside the system cards, so a change to a rotation is reviewed like code:
      </p>
      <ul>
        <li>
          <code>people:</code> everyone who can be reached: an id, a name, a time zone (so pages and this page show
          their local time), and an email, a Slack member id or other contact methods.
        </li>
        <li>
          <code>teams:</code> who works together, and the schedule that says who of them is on call. A system card’s{' '}
          <code>owner</code> may name a team by its id.
        </li>
        <li>
          <code>schedules:</code> layers of rotations in one time zone: members take turns (<code>daily</code>,{' '}
          <code>weekly</code>, <code>3d</code>, <code>12h</code>) handing off at a wall-clock time; a higher layer wins
          where it has someone.
        </li>
        <li>
          <code>overrides:</code> someone taking the pager for a period; once a schedule exists you can also add one
          here, with “Take the pager”.
        </li>
      </ul>
      <pre>
        <code>{EXAMPLE}</code>
      </pre>
      <p>Check the schedule without a server, then send the whole file (systems, rules and directory) at once:</p>
      <pre>
        <code>{'firebreak oncall -f firebreak.yaml\nfirebreak system apply -f firebreak.yaml'}</code>
      </pre>
      <p className="small muted">
        Each apply replaces the directory as a whole and keeps the previous one as a revision. The{' '}
        <code>notifications:</code> section of the same file says who is told what, and is shown under Notifications.
      </p>
    </EmptyState>
  );
}
