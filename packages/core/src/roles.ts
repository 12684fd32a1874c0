export const ROLES = {
  incident_commander: 'Owns the incident: decides, delegates, and says when it is over.',
  tech_lead: 'Leads the technical investigation and containment.',
  comms_lead: 'Writes status updates for each audience and keeps them on schedule.',
  scribe: 'Keeps the timeline and decision log complete as things happen.',
  legal: 'Judges legal exposure and regulatory reporting duties.',
  privacy: 'Judges personal-data impact and breach notification duties.',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];
