import type { OnCallDirectoryInput } from '@firebreak/contract';

const DAY = 86_400_000;

/** A calendar date some days from now, as a rotation's `start` takes it. */
function dayOffset(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

/**
 * A small directory for the war room's tests, dated from today so someone is always on call: a
 * weekly primary schedule in Berlin, a daily secondary in New York, people in four zones (one
 * with no way to reach them), a team, an escalation policy for the demo's copilot, leadership
 * named, and a SEV2 row that pages on the webhook and on Slack, which the test server has not
 * been given.
 */
export function testDirectory(): OnCallDirectoryInput {
  return {
    people: [
      { id: 'dana-reyes', name: 'Dana Reyes', email: 'dana@example.com', timeZone: 'Europe/Berlin' },
      { id: 'lee-park', name: 'Lee Park', slackId: 'U024BE7LH', timeZone: 'America/New_York' },
      { id: 'sam-ortiz', name: 'Sam Ortiz', email: 'sam@example.com', timeZone: 'Asia/Tokyo' },
      { id: 'priya-nair', name: 'Priya Nair', timeZone: 'Asia/Kolkata' },
    ],
    teams: [
      {
        id: 'support-ai',
        name: 'Support AI',
        members: ['dana-reyes', 'lee-park', 'sam-ortiz'],
        schedule: 'support-ai-oncall',
      },
    ],
    schedules: [
      {
        id: 'support-ai-oncall',
        name: 'Support AI primary',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            id: 'weekly',
            rotations: [{ members: ['dana-reyes', 'lee-park', 'sam-ortiz'], turn: 'weekly', start: dayOffset(-20) }],
          },
        ],
      },
      {
        id: 'support-ai-secondary',
        name: 'Support AI secondary',
        timeZone: 'America/New_York',
        layers: [
          {
            id: 'daily',
            rotations: [{ members: ['lee-park', 'sam-ortiz'], turn: 'daily', handoff: '08:00', start: dayOffset(-10) }],
          },
        ],
      },
    ],
    notifications: {
      matrix: {
        SEV2: [
          { audience: 'on_call', channels: ['webhook', 'slack'], page: true },
          { audience: 'leadership', channels: ['email'], within: '30m' },
        ],
      },
      escalationPolicies: [
        {
          id: 'support-ai-default',
          steps: [
            { targets: [{ schedule: 'support-ai-oncall' }] },
            { delay: '10m', targets: [{ team: 'support-ai' }] },
          ],
          repeat: 1,
          systems: ['support-copilot'],
        },
      ],
      defaultEscalationPolicy: 'support-ai-default',
      audiences: { leadership: [{ person: 'sam-ortiz' }] },
    },
  };
}
