import { ROLES } from '../roles';
import { SEVERITIES, SEVERITY_INFO } from '../severity';
import { INCIDENT_TYPES, type IncidentType } from '../taxonomy';
import { applicableTypes, monitorsInForce, TYPE_COVERAGE, watches } from './coverage';
import type { PlanFacts, PlanSectionId } from './types';

/** A table cell: pipes escaped, line breaks flattened. */
export const cell = (text: string | number | undefined) =>
  text === undefined || text === ''
    ? '—'
    : String(text)
        .replaceAll('|', '\\|')
        .replace(/\s*\n\s*/g, ' ');
const list = (items: readonly string[], none = '—') => (items.length > 0 ? items.join(', ') : none);
const minutes = (m: number) => (m % 1440 === 0 ? `${m / 1440}d` : m % 60 === 0 ? `${m / 60}h` : `${m}m`);
const label = (type: string) => type.replaceAll('_', ' ');

function context({ system }: PlanFacts): string {
  const radius = system.blastRadius;
  const lines = [
    system.description ?? '',
    '',
    `| | |`,
    `|---|---|`,
    `| Owner | ${cell(system.owner)} |`,
    `| On call | ${cell(system.onCall)} |`,
    `| Model | ${cell(`${system.model.name} ${system.model.version}${system.model.provider ? ` (${system.model.provider})` : ''}`)} |`,
    `| Prompt template | ${cell(system.promptTemplateVersion)} |`,
    `| Safety policy | ${cell(system.safetyPolicyVersion)} |`,
    `| Risk tier | ${cell(system.riskTier)} |`,
    `| Intended use | ${cell(system.intendedUse)} |`,
    `| Tenants | ${cell(list(radius.tenants))} |`,
    `| Regions | ${cell(list(radius.regions))} |`,
    `| People reached | ${radius.users === undefined ? '—' : radius.users.toLocaleString('en-US')} |`,
    `| Jurisdictions | ${cell(list(system.jurisdictions))} |`,
    `| Personal data | ${system.personalData.processed ? cell(`yes: ${list(system.personalData.categories, 'categories not listed')}`) : 'no'} |`,
    `| Runbook | ${cell(system.runbook)} |`,
    `| Dashboards | ${cell(list(system.dashboards.map((d) => `[${d.name}](${d.url})`)))} |`,
  ];
  if (system.dependencies.length > 0) {
    lines.push('', '**Dependencies** (each one a way in for failure):', '');
    for (const d of system.dependencies)
      lines.push(`- ${d.name} (${label(d.kind)}${d.version ? ` ${d.version}` : ''}${d.vendor ? `, ${d.vendor}` : ''})`);
  }
  if (system.knownLimits.length > 0) {
    lines.push('', '**Known limits:**', '');
    for (const limit of system.knownLimits) lines.push(`- ${limit}`);
  }
  return lines.join('\n');
}

function taxonomy({ system }: PlanFacts): string {
  const applies = new Set(applicableTypes(system));
  const rows = (Object.keys(INCIDENT_TYPES) as IncidentType[]).map((type) => {
    const info = INCIDENT_TYPES[type];
    const coverage = TYPE_COVERAGE[type];
    const how = coverage.signals.length > 0 ? coverage.signals.join(', ') : 'external reports, vendor notices';
    return `| ${label(type)} | ${info.category} / ${info.driver} | ${applies.has(type) ? `yes: ${coverage.because}` : 'no'} | ${how} |`;
  });
  return [
    'Which failures of the AI incident taxonomy can happen to this system, and how each is seen.',
    '',
    '| Type | Category / driver | Applies | Seen through |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function severity({ system, updateCadence, postmortems }: PlanFacts): string {
  const rows = SEVERITIES.map((sev) => {
    const info = SEVERITY_INFO[sev];
    const preset = system.tiers?.[sev];
    return `| ${sev} (P${SEVERITIES.indexOf(sev)}) | ${cell(info.description)} | ${minutes(info.responseMinutes)} | ${minutes(info.containMinutes)} | ${updateCadence[sev]} | ${postmortems.requiredFor.includes(sev) ? 'required' : 'optional'} | ${preset ?? '—'} |`;
  });
  return [
    'Response is the acknowledgement deadline, containment the target from declaration (or the last severity change).',
    '',
    '| Severity | When | Respond within | Contain within | Status update every | Postmortem | Guardrail preset |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function runbooks(facts: PlanFacts): string {
  const { system, rules, controls } = facts;
  const { monitors } = monitorsInForce(system);
  const out: string[] = [];
  for (const type of applicableTypes(system)) {
    const coverage = TYPE_COVERAGE[type];
    out.push(`### ${label(type)}`, '', INCIDENT_TYPES[type].description, '');
    const watching = monitors.filter((monitor) => watches(monitor, type));
    if (watching.length > 0) out.push(`Detected by: ${watching.map((m) => `\`${m.id}\``).join(', ')}.`, '');
    const links = [...new Set([system.runbook, ...watching.map((m) => m.runbook)].filter((l): l is string => !!l))];
    if (links.length > 0) out.push(`Runbook: ${links.join(', ')}`, '');
    for (const rule of rules.filter((r) => r.type === type)) {
      out.push(
        `Triage rule \`${rule.id}\` (${rule.when}): ${rule.declare ? 'declares' : 'proposes'} a ${rule.severity}${rule.contain.length > 0 ? `, contains by itself (${rule.contain.join('; ')})` : ''}${rule.notify.length > 0 ? `, notifies ${rule.notify.join(', ')}` : ''}.`,
      );
      for (const action of rule.actions)
        out.push(
          `- [ ] ${action.action} (within ${action.within}${action.role ? `, ${action.role.replaceAll('_', ' ')}` : ''})`,
        );
      out.push('');
    }
    out.push('Steps:', '');
    coverage.steps.forEach((step, i) => {
      out.push(`${i + 1}. ${step}`);
    });
    const levers = controls.filter((control) => coverage.controls.includes(control.kind));
    out.push(
      '',
      `Controls to reach for: ${levers.length > 0 ? levers.map((c) => `\`${c.id}\` (${label(c.kind)})`).join(', ') : `none of ${coverage.controls.map(label).join(', ')} declared`}.`,
      '',
    );
  }
  return out.join('\n').trim();
}

function rollback({ system, controls, controlAccess }: PlanFacts): string {
  const rows = controls.map((c) => {
    const state =
      c.kind === 'route'
        ? `active ${c.active ?? '—'}; known-good ${list(c.knownGood ?? [])}; versions ${list(c.versions ?? [])}`
        : '';
    return `| \`${c.id}\` | ${label(c.kind)}${c.target ? ` (${c.target})` : ''} | ${cell(c.description)} | ${cell(state)} |`;
  });
  const who =
    controlAccess.changedBy === 'responders'
      ? 'any responder'
      : [
          `members of ${system.owner} (the owner)`,
          ...(controlAccess.teams.length > 0 ? [`of ${controlAccess.teams.join(', ')}`] : []),
          ...(controlAccess.incidentCommanders ? ['the commander of an open incident on the system'] : []),
          'an admin',
        ].join(', ');
  const presets = system.presets ?? [];
  return [
    controls.length > 0 ? '| Control | Kind | What it does | Versions |\n|---|---|---|---|' : '_No controls declared._',
    ...rows,
    '',
    `**Who may change or roll back a control:** ${who}. During a SEV1 or SEV2 a second person approves a change (ADR 26).`,
    '',
    'Roll back with `firebreak rollback <control>` (to the last known-good version) or `firebreak control set`.',
    ...(presets.length > 0
      ? [
          '',
          '**Presets** (applied and reverted as one):',
          '',
          ...presets.map((p) => `- \`${p.id}\`: ${p.description ?? ''}`),
        ]
      : []),
  ].join('\n');
}

function communication({ system, statusComponents, updateCadence, people }: PlanFacts): string {
  const component = statusComponents.map((c) => c.name).join(', ') || system.name;
  return [
    `Status page: ${statusComponents.length > 0 ? statusComponents.map((c) => `${c.name} (\`${c.id}\`)`).join(', ') : 'no component shows this system'}.`,
    `Support hears through: ${list(people.audiences.support, 'nobody named')}; customers: ${list(people.audiences.customers, 'nobody named')}.`,
    `Updates are owed every ${updateCadence.SEV1} at SEV1 and ${updateCadence.SEV2} at SEV2; the comms lead keeps them on time.`,
    '',
    '**Investigating:**',
    `> We are investigating reports that ${component} is giving answers of lower quality than usual. Next update within ${updateCadence.SEV2}.`,
    '',
    '**Identified (degraded quality):**',
    `> We have found the cause of degraded answers from ${component} and have limited it: <what was switched off or rolled back>. Some answers between <start> and <now> may have been wrong; <what to do>.`,
    '',
    '**Monitoring:**',
    `> A fix is in place for ${component}. We are watching its answers closely before we restore full service.`,
    '',
    '**Resolved:**',
    `> ${component} is working normally again. <What happened, in one sentence>. A review will follow; we are sorry for the trouble.`,
  ].join('\n');
}

function postIncident({ postmortems, history }: PlanFacts): string {
  const rows = history.incidents
    .slice(0, 10)
    .map(
      (i) =>
        `| ${i.id} | ${cell(i.title)} | ${label(i.type)} | ${i.severity} | ${i.status} | ${i.postmortem ? label(i.postmortem) : '—'} |`,
    );
  return [
    `A blameless postmortem is required for ${list(postmortems.requiredFor, 'no severity')}, due ${postmortems.dueBusinessDays} business days after resolution (ADR 25): draft, review, publish; each corrective or preventive action has an owner, a due date and a verification it must pass to close.`,
    '',
    `Corrective actions on this system: ${history.openActions} open, ${history.overdueActions} overdue.`,
    '',
    ...(rows.length > 0
      ? ['| Incident | Title | Type | Severity | Status | Postmortem |', '|---|---|---|---|---|---|', ...rows]
      : ['_No incidents on this system yet._']),
  ].join('\n');
}

function monitoring({ system, alertBudget }: PlanFacts): string {
  const { defaults, monitors } = monitorsInForce(system);
  const rows = monitors.map(
    (m) =>
      `| \`${m.id}\` | ${m.signal} | ${m.detector ?? 'default for the signal'} | ${m.owner ?? system.owner} | ${cell(m.runbook)} |`,
  );
  return [
    'Two tiers: a **warn** opens a ticket for working hours, a **page** wakes the on-call person.',
    `False-alarm budget (ADR 21): at most one false page per ${alertBudget.page} and one false warning per ${alertBudget.warn}, split across the monitors.`,
    defaults
      ? '\nThe card lists no monitors: the default monitors watch every standard signal the telemetry carries.'
      : '',
    '',
    '| Monitor | Signal | Detector | Owner | Runbook |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function regulatory({ system, obligations }: PlanFacts): string {
  const rows = obligations.map(
    (o) =>
      `| ${o.regime} ${cell(o.article)} | ${cell(o.title)} | ${cell(o.recipient)} | ${o.within} from ${label(o.trigger)} | ${label(o.status)}${o.note ? `: ${cell(o.note)}` : ''} |`,
  );
  return [
    `Jurisdictions: ${list(system.jurisdictions)}; role ${system.regulatory?.role ?? 'not set'}, data role ${system.regulatory?.dataRole ?? 'not set'}. The clocks below open for a serious incident that harms people or their personal data; the legal role confirms which apply on the day.`,
    '',
    ...(rows.length > 0
      ? ['| Regime | Report | To | Deadline | Status |', '|---|---|---|---|---|', ...rows]
      : ['_No reporting clock of the rule pack applies to this system._']),
  ].join('\n');
}

function disclosure({ disclosure }: PlanFacts): string {
  return [
    `Users and researchers report through the public form at \`${disclosure.formPath}\` (or \`POST /api/v1/reports\`), without an account (ADR 34).`,
    `Each report is acknowledged within ${disclosure.acknowledgeWithin} and its reporter updated at least every ${disclosure.updateEvery}; a report that shows an incident is linked to it.`,
    `Open reports naming this system: ${disclosure.openReports}.`,
  ].join('\n');
}

function roles({ system, people }: PlanFacts): string {
  const a = people.audiences;
  const holder: Record<keyof typeof ROLES, string> = {
    incident_commander: people.schedule
      ? `on call on ${people.schedule.name}${people.schedule.onCallNow ? ` (now ${people.schedule.onCallNow})` : ''}, until handed over`
      : 'nobody pages for this system',
    tech_lead: people.ownerTeam
      ? `a member of ${people.ownerTeam.name}: ${list(people.ownerTeam.members)}`
      : system.owner,
    comms_lead: a.support.length > 0 ? `with support: ${list(a.support)}` : 'named by the commander on the day',
    scribe: 'named by the commander on the day',
    legal: list(a.legal, 'nobody named'),
    privacy: list(a.privacy, 'nobody named'),
  };
  const rows = (Object.keys(ROLES) as Array<keyof typeof ROLES>).map(
    (role) => `| ${label(role)} | ${cell(ROLES[role])} | ${cell(holder[role])} |`,
  );
  const policy = people.escalationPolicy;
  return [
    '| Role | Duty | Who |',
    '|---|---|---|',
    ...rows,
    `| leadership | Hears of SEV1 and SEV2 | ${cell(list(a.leadership, 'nobody named'))} |`,
    '',
    policy
      ? `Escalation (\`${policy.id}\`): ${policy.steps.join(' → ')}${policy.repeat > 0 ? `, repeated ${policy.repeat}×` : ''} (ADR 23, 24).`
      : 'Escalation: no policy.',
  ].join('\n');
}

export const SECTION_BODIES: Record<PlanSectionId, (facts: PlanFacts) => string> = {
  context,
  taxonomy,
  severity,
  runbooks,
  rollback,
  communication,
  'post-incident': postIncident,
  monitoring,
  regulatory,
  disclosure,
  roles,
};
