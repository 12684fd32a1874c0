import type { OnCallDirectoryInput } from '@firebreak/contract';

/**
 * The demo's people, teams, on-call schedules and notification rules, for the two demo systems:
 * what `firebreak system apply` would send from the on-call sections of a firebreak.yaml. The
 * rotations start in the past and run on, so someone is always on call whenever the demo starts.
 */
export function demoDirectory(now: Date): OnCallDirectoryInput {
  // Rotations start on the Monday four weeks before today, so the demo looks lived-in.
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 28));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const start = monday.toISOString().slice(0, 10);
  return {
    people: [
      {
        id: 'dana-reyes',
        name: 'Dana Reyes',
        email: 'dana.reyes@example.com',
        slackId: 'U04DANA001',
        timeZone: 'Europe/Berlin',
      },
      { id: 'sam-okafor', name: 'Sam Okafor', email: 'sam.okafor@example.com', timeZone: 'Europe/London' },
      {
        id: 'lee-park',
        name: 'Lee Park',
        email: 'lee.park@example.com',
        slackId: 'U04LEE0002',
        timeZone: 'America/New_York',
      },
      { id: 'priya-raman', name: 'Priya Raman', email: 'priya.raman@example.com', timeZone: 'Asia/Kolkata' },
      { id: 'tomas-silva', name: 'Tomás Silva', email: 'tomas.silva@example.com', timeZone: 'Europe/Lisbon' },
      { id: 'mina-cho', name: 'Mina Cho', email: 'mina.cho@example.com', timeZone: 'America/Los_Angeles' },
      { id: 'alex-morgan', name: 'Alex Morgan', email: 'alex.morgan@example.com', timeZone: 'Europe/London' },
    ],
    teams: [
      {
        id: 'support-ai',
        name: 'Support AI',
        members: ['dana-reyes', 'sam-okafor', 'lee-park', 'priya-raman'],
        schedule: 'support-ai-oncall',
      },
      { id: 'risk-ml', name: 'Risk ML', members: ['tomas-silva', 'mina-cho'], schedule: 'risk-ml-oncall' },
    ],
    schedules: [
      {
        id: 'support-ai-oncall',
        name: 'Support AI on call',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            id: 'weekly',
            rotations: [
              { members: ['dana-reyes', 'sam-okafor', 'priya-raman'], turn: 'weekly', handoff: '09:00', start },
            ],
          },
        ],
      },
      {
        id: 'risk-ml-oncall',
        name: 'Risk ML on call',
        timeZone: 'America/Los_Angeles',
        // Follow the sun: Tomás 08:00-20:00 Lisbon-ish hours, Mina the other half, in 12-hour turns.
        layers: [
          {
            id: 'follow-the-sun',
            rotations: [{ members: ['tomas-silva', 'mina-cho'], turn: '12h', handoff: '00:00', start }],
          },
        ],
      },
    ],
    overrides: [],
    notifications: {
      audiences: { leadership: [{ person: 'alex-morgan' }] },
      escalationPolicies: [
        {
          id: 'support-ai-default',
          systems: ['support-copilot'],
          steps: [
            { targets: [{ schedule: 'support-ai-oncall' }] },
            { delay: '10m', targets: [{ team: 'support-ai' }] },
          ],
          repeat: 1,
        },
        {
          id: 'risk-ml-default',
          systems: ['fraud-model'],
          steps: [{ targets: [{ schedule: 'risk-ml-oncall' }] }, { delay: '15m', targets: [{ team: 'risk-ml' }] }],
        },
      ],
    },
    statusPage: {
      title: 'Acme status',
      description: 'Live status of the AI features in our help centre and checkout.',
      components: [
        {
          id: 'support-assistant',
          name: 'Support assistant',
          description: 'Answers your questions in the help centre and in chat.',
          systems: ['support-copilot'],
        },
        {
          id: 'payment-screening',
          name: 'Payment screening',
          description: 'Checks card payments at checkout.',
          systems: ['fraud-model'],
        },
      ],
    },
  };
}
