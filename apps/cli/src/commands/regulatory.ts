import type { IncidentRegulatory, Obligation, ObligationList } from '@firebreak/contract';
import {
  DRAFT_FORMATS,
  type Draft,
  durationMs,
  FACT_NAMES,
  HARM_CATEGORIES,
  MOMENT_FACTS,
  OBLIGATION_STATES,
  renderDraftMarkdown,
} from '@firebreak/core';
import { type Command, InvalidArgumentError } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';

const API = '/api/v1';

const FACTS = FACT_NAMES;

/**
 * `firebreak regulatory`: an incident's facts (the moments that start legal clocks, and what was
 * harmed where), the obligations the rule pack opened from them, and the decisions on each
 * (docs/regulatory.md).
 */
export function registerRegulatory(program: Command, io: CliIo): void {
  const regulatory = program
    .command('regulatory')
    .description('Regulatory clocks: incident facts, the obligations they open, filings and decisions')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory status INC-4\n  $ firebreak regulatory fact INC-4 aware --at 2026-12-07T09:30:00Z --reason "DPO told by support"\n  $ firebreak regulatory fact INC-4 harms fundamental_rights,personal_data --reason "other customers\' records shown"\n  $ firebreak regulatory file INC-4 OB-2 --reference CNIL-2026-118 --reason "filed on the CNIL portal"\n  $ firebreak regulatory list --due-within 24h',
    );

  regulatory
    .command('status')
    .description("An incident's facts with who set them, and its obligations with their clocks")
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory status INC-4\n  $ firebreak regulatory status INC-4 --json',
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const value: IncidentRegulatory = await clientFor(cmd, io).request('GET', `${API}/incidents/${id}/regulatory`);
      emit(io, cmd, value, (v) => describeRegulatory(v, new Date()));
    });

  regulatory
    .command('fact')
    .summary('Set one fact (a moment such as aware, or a value such as harms), with why')
    .description(
      `Set one fact, with why. Moments (${MOMENT_FACTS.join(', ')}) take --at (default now); the others take a value: harms (comma list of ${HARM_CATEGORIES.join(', ')}), jurisdictions (comma list such as DE,FR,US-CA), people_affected (a number), widespread_infringement / imminent_risk / unsecured_phi (yes or no), personal_data_risk (unlikely, risk or high)`,
    )
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument('<fact>', `one of ${FACTS.join(', ')}`, parse.oneOf(FACTS))
    .argument('[value]', 'the value, for a fact that is not a moment')
    .option('--at <time>', 'for a moment: when it happened (ISO 8601), not when you record it', parse.isoTime)
    .requiredOption('--reason <text>', 'what the fact rests on: it goes on the timeline')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory fact INC-4 aware --reason "support escalated a customer complaint"\n  $ firebreak regulatory fact INC-4 causal_link_established --at 2026-12-07T11:00:00Z --reason "replay reproduced the leak"\n  $ firebreak regulatory fact INC-4 jurisdictions DE,FR --reason "affected accounts are in Germany and France"\n  $ firebreak regulatory fact INC-4 people_affected 1200 --reason "count from the access log"',
    )
    .action(
      async (
        id: string,
        fact: (typeof FACTS)[number],
        value: string | undefined,
        options: { at?: string; reason: string },
        cmd: Command,
      ) => {
        const body = factBody(fact, value, options);
        const result: IncidentRegulatory = await clientFor(cmd, io).request(
          'POST',
          `${API}/incidents/${id}/facts`,
          body,
        );
        emit(io, cmd, result, (v) => [`${fact} set on ${id}`, '', ...describeRegulatory(v, new Date())]);
      },
    );

  regulatory
    .command('file')
    .description("Record an obligation as filed: when it went out, the recipient's reference, the report as filed")
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument('<obligation>', 'obligation id, e.g. OB-2 (see regulatory status)', obligationId)
    .option('--submitted-at <time>', 'when the report went out (default now)', parse.isoTime)
    .option('--reference <text>', "the recipient's reference number")
    .option('--report-url <url>', 'where the report as filed is kept')
    .option('--sha256 <digest>', "the filed report's SHA-256")
    .option('--reason <text>', 'a note for the timeline')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory file INC-4 OB-2 --reference CNIL-2026-118\n  $ firebreak regulatory file INC-4 OB-3 --submitted-at 2026-12-08T09:00:00Z --report-url https://dms.example.com/inc-4/art73.pdf',
    )
    .action(
      async (
        id: string,
        obligation: string,
        options: { submittedAt?: string; reference?: string; reportUrl?: string; sha256?: string; reason?: string },
        cmd: Command,
      ) => {
        const result: IncidentRegulatory = await clientFor(cmd, io).request(
          'POST',
          `${API}/incidents/${id}/obligations/${obligation}/decision`,
          {
            state: 'filed',
            ...(options.submittedAt ? { submittedAt: options.submittedAt } : {}),
            ...(options.reference ? { reference: options.reference } : {}),
            ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
            ...(options.sha256 ? { reportSha256: options.sha256 } : {}),
            ...(options.reason ? { reason: options.reason } : {}),
          },
        );
        emit(io, cmd, result, (v) => [`${obligation} filed`, '', ...describeRegulatory(v, new Date())]);
      },
    );

  regulatory
    .command('not-required')
    .description('Record that an obligation is not owed, with the justification (who decided is recorded)')
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument('<obligation>', 'obligation id, e.g. OB-2', obligationId)
    .requiredOption('--justification <text>', 'why no report is owed')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory not-required INC-4 OB-5 --justification "no EU resident affected: all accounts are in the US"',
    )
    .action(async (id: string, obligation: string, options: { justification: string }, cmd: Command) => {
      const result: IncidentRegulatory = await clientFor(cmd, io).request(
        'POST',
        `${API}/incidents/${id}/obligations/${obligation}/decision`,
        { state: 'not_required', justification: options.justification },
      );
      emit(io, cmd, result, (v) => [`${obligation} not required`, '', ...describeRegulatory(v, new Date())]);
    });

  regulatory
    .command('reopen')
    .description('Withdraw a decision: the obligation is pending again')
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument('<obligation>', 'obligation id, e.g. OB-2', obligationId)
    .requiredOption('--reason <text>', 'why the decision is withdrawn')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory reopen INC-4 OB-5 --reason "a German customer was affected after all"',
    )
    .action(async (id: string, obligation: string, options: { reason: string }, cmd: Command) => {
      const result: IncidentRegulatory = await clientFor(cmd, io).request(
        'POST',
        `${API}/incidents/${id}/obligations/${obligation}/decision`,
        { state: 'pending', reason: options.reason },
      );
      emit(io, cmd, result, (v) => [`${obligation} pending again`, '', ...describeRegulatory(v, new Date())]);
    });

  regulatory
    .command('draft')
    .summary("Draft a report in a recipient's fields: eu_art73, gpai, oecd, aiid, atlas")
    .description(
      "Draft a report in a recipient's fields from what Firebreak holds (Markdown; --json for the fields): eu_art73 (the EU draft serious-incident form), gpai (the AI Office template), oecd (the common reporting framework), aiid (AI Incident Database), atlas (a MITRE ATLAS case study, security incidents)",
    )
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument('<format>', DRAFT_FORMATS.join(', '), parse.oneOf(DRAFT_FORMATS))
    .option('--obligation <id>', 'the obligation the report answers: its stage sets the report type', obligationId)
    .option('--json', "print the server's JSON draft")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory draft INC-4 eu_art73 --obligation OB-3 > INC-4-art73.md\n  $ firebreak regulatory draft INC-4 oecd --json',
    )
    .action(async (id: string, format: string, options: { obligation?: string }, cmd: Command) => {
      const query = options.obligation ? `?obligation=${options.obligation}` : '';
      const draft: Draft = await clientFor(cmd, io).request('GET', `${API}/incidents/${id}/reports/${format}${query}`);
      emit(io, cmd, draft, renderDraftMarkdown);
    });

  regulatory
    .command('list')
    .description('Obligations across incidents, soonest due first')
    .option(
      '--state <state>',
      'pending, filed, not_required or lapsed (default pending)',
      parse.oneOf(OBLIGATION_STATES),
      'pending',
    )
    .option('--due-within <duration>', 'only those due within this long, e.g. 24h', parse.duration)
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak regulatory list\n  $ firebreak regulatory list --due-within 24h\n  $ firebreak regulatory list --state filed --json',
    )
    .action(async (options: { state: string; dueWithin?: string }, cmd: Command) => {
      const query = new URLSearchParams({ state: options.state });
      if (options.dueWithin) query.set('dueBefore', new Date(Date.now() + durationMs(options.dueWithin)).toISOString());
      const value: ObligationList = await clientFor(cmd, io).request('GET', `${API}/obligations?${query}`);
      emit(io, cmd, value, (v) =>
        v.obligations.length === 0
          ? `No ${options.state.replace('_', ' ')} obligations${options.dueWithin ? ` due within ${options.dueWithin}` : ''}.`
          : v.obligations.map((o) => `${o.incidentId.padEnd(8)} ${describeObligation(o, new Date())}`),
      );
    });
}

function obligationId(value: string): string {
  if (!/^OB-[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('expected an obligation id such as OB-7');
  return value;
}

/** The request body for one fact: a moment with its time, or a value read from the word given. */
export function factBody(
  fact: (typeof FACTS)[number],
  value: string | undefined,
  options: { at?: string; reason: string },
): Record<string, unknown> {
  if ((MOMENT_FACTS as readonly string[]).includes(fact)) {
    if (value !== undefined)
      throw new InvalidArgumentError(`${fact} is a moment: give its time with --at, not a value (got "${value}")`);
    return { fact, ...(options.at ? { at: options.at } : {}), reason: options.reason };
  }
  if (options.at) throw new InvalidArgumentError(`${fact} is not a moment: --at does not apply`);
  if (value === undefined) throw new InvalidArgumentError(`${fact} needs a value (see --help)`);
  const list = () =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
  switch (fact) {
    case 'harms':
      for (const harm of list())
        if (!(HARM_CATEGORIES as readonly string[]).includes(harm))
          throw new InvalidArgumentError(`unknown harm "${harm}": expected ${HARM_CATEGORIES.join(', ')}`);
      return { fact, value: list(), reason: options.reason };
    case 'jurisdictions':
      return { fact, value: list().map((code) => code.toUpperCase()), reason: options.reason };
    case 'people_affected': {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0)
        throw new InvalidArgumentError(`people_affected must be a whole number, 0 or more (got "${value}")`);
      return { fact, value: count, reason: options.reason };
    }
    case 'personal_data_risk':
      if (!['unlikely', 'risk', 'high'].includes(value))
        throw new InvalidArgumentError(`personal_data_risk is unlikely, risk or high (got "${value}")`);
      return { fact, value, reason: options.reason };
    default: {
      const yes = ['yes', 'true'].includes(value.toLowerCase());
      const no = ['no', 'false'].includes(value.toLowerCase());
      if (!yes && !no) throw new InvalidArgumentError(`${fact} is yes or no (got "${value}")`);
      return { fact, value: yes, reason: options.reason };
    }
  }
}

/** One obligation on a line: its state or clock, what, to whom, and the rule. */
export function describeObligation(o: Obligation, now: Date): string {
  const clock =
    o.state === 'pending'
      ? `${o.overdue ? 'OVERDUE' : 'due'} ${utcMinute(o.due)} (${relativeTime(o.due, now)})${o.dueRolled ? `, or ${utcMinute(o.dueRolled)} rolled past a holiday` : ''}`
      : o.state === 'filed'
        ? `filed ${o.submittedAt ? utcMinute(o.submittedAt) : ''}${o.reference ? ` ref ${o.reference}` : ''} by ${o.decidedBy ?? '?'}`
        : o.state === 'not_required'
          ? `not required (${o.decidedBy ?? '?'}): ${o.justification ?? ''}`
          : 'lapsed: the facts no longer call for it';
  const applicability = o.applicability === 'not_yet_applicable' ? ' [not yet applicable]' : '';
  return `${o.id.padEnd(6)} ${o.regime} ${o.article} (${o.stage}) to ${o.recipient} on ${o.system}${applicability}\n         ${clock}${o.governedBy ? `\n         governed by ${o.governedBy}` : ''}`;
}

/** Facts and obligations as a responder reads them. */
export function describeRegulatory(value: IncidentRegulatory, now: Date): string[] {
  const lines = [`${value.incidentId} facts:`];
  if (value.facts.length === 0)
    lines.push('  none set yet. Start with: firebreak regulatory fact <id> aware --reason "…"');
  for (const fact of value.facts) {
    const shown = fact.at
      ? utcMinute(fact.at)
      : Array.isArray(fact.value)
        ? fact.value.join(', ') || '(none)'
        : String(fact.value);
    lines.push(`  ${fact.fact.padEnd(26)} ${shown}  (${fact.setBy}, ${utcMinute(fact.setAt)}: ${fact.reason})`);
  }
  lines.push('', 'Obligations:');
  if (value.obligations.length === 0)
    lines.push('  none opened: no rule of the pack applies to the facts as they stand');
  for (const o of value.obligations) lines.push(`  ${describeObligation(o, now)}`);
  return lines;
}
