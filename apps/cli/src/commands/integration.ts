import type { CreateIntegrationRequest, Integration, IntegrationKind } from '@firebreak/contract';
import { type Command, InvalidArgumentError } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit, table } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';
import { registerReplay } from './integration-replay';

const JSON_HELP = "print the server's JSON response";
/** The contract's INTEGRATION_KINDS, spelled out so this chunk loads no zod (scripts/cli-imports.test.ts). */
export const KINDS = [
  'alertmanager',
  'grafana',
  'pagerduty',
  'cloudevents',
] as const satisfies readonly IntegrationKind[];

/** `firebreak integration …`: inbound alert sources (admin) and the replay console. */
export function registerIntegration(program: Command, io: CliIo): void {
  const integration = program
    .command('integration')
    .description(
      'Inbound alert sources (Alertmanager, Grafana, PagerDuty Events v2, CloudEvents) and the replay console',
    )
    .addHelpText(
      'after',
      `
Each integration has its own secret, which can post to its endpoint and nothing else
(see docs/integrations.md). Creating, rotating and revoking need an admin token.

Examples:
  $ firebreak integration create --kind alertmanager --name prom-prod --default-system support-copilot
  $ firebreak integration list
  $ firebreak integration replay --format alertmanager --file payload.json`,
    );

  integration
    .command('create')
    .description('Create an integration; its secret is printed once')
    .requiredOption('--kind <kind>', `the source's format: ${KINDS.join(', ')}`, parse.oneOf(KINDS))
    .requiredOption('--name <slug>', 'a slug; each alert it sends has the monitor <name>/<alert name>')
    .option('--description <text>', 'what it is for')
    .option('--system-label <label>', 'the label that names the Firebreak system (default: system)')
    .option(
      '--default-system <id>',
      'the system for alerts with no system label (else they are refused)',
      parse.systemId,
    )
    .option('--severity-label <label>', 'the label that decides warn or page (default: severity)')
    .option('--name-label <label>', 'the label that names the alert (default: alertname)')
    .option(
      '--level <value=level>',
      'map a severity value to warn or page, e.g. p2=page (repeatable)',
      collectLevel,
      {},
    )
    .option(
      '--fingerprint-by <what>',
      'CloudEvents: one alert per event id (id) or per subject (subject)',
      parse.oneOf(['id', 'subject'] as const),
    )
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak integration create --kind alertmanager --name prom-prod --default-system support-copilot\n  $ firebreak integration create --kind grafana --name grafana-ops --system-label service --level high=page\n  $ firebreak integration create --kind pagerduty --name legacy-monitor --system-label component\n  $ firebreak integration create --kind cloudevents --name guardrails --default-system support-bot --fingerprint-by subject',
    )
    .action(async (options: CreateOptions, cmd: Command) => {
      const mapping: NonNullable<CreateIntegrationRequest['mapping']> = {
        ...(options.systemLabel ? { systemLabel: options.systemLabel } : {}),
        ...(options.defaultSystem ? { defaultSystem: options.defaultSystem } : {}),
        ...(options.severityLabel ? { severityLabel: options.severityLabel } : {}),
        ...(options.nameLabel ? { nameLabel: options.nameLabel } : {}),
        ...(Object.keys(options.level).length > 0 ? { levels: options.level } : {}),
        ...(options.fingerprintBy ? { fingerprintBy: options.fingerprintBy } : {}),
      };
      const created = await clientFor(cmd, io).createIntegration({
        name: options.name,
        kind: options.kind,
        ...(options.description ? { description: options.description } : {}),
        mapping,
      });
      emit(io, cmd, created, (i) => [
        `Created ${i.id} "${i.name}" (${i.kind}), posting to ${i.endpoint}`,
        '',
        `  ${i.secret}`,
        '',
        'This secret is not shown again: store it now.',
        i.kind === 'pagerduty'
          ? 'Senders put it in routing_key.'
          : 'Senders send it as Authorization: Bearer <secret>.',
      ]);
    });

  integration
    .command('list')
    .description('List integrations (never their secrets)')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak integration list\n  $ firebreak integration list --json')
    .action(async (_options: unknown, cmd: Command) => {
      const list = await clientFor(cmd, io).listIntegrations();
      emit(io, cmd, list, ({ integrations }) => {
        const now = io.now();
        const at = (iso: string | null) => (iso ? `${utcMinute(iso)} (${relativeTime(iso, now)})` : '—');
        return table(
          ['ID', 'NAME', 'KIND', 'SYSTEM FROM', 'LAST USED', 'STATE'],
          integrations.map((i) => [i.id, i.name, i.kind, systemFrom(i), at(i.lastUsedAt), state(i)]),
        );
      });
    });

  integration
    .command('rotate')
    .description('Give an integration a new secret; the old one stops working at once')
    .argument('<id>', 'integration id, e.g. INT-2 (see: firebreak integration list)')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak integration rotate INT-2')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const rotated = await clientFor(cmd, io).rotateIntegration(id.toUpperCase());
      emit(io, cmd, rotated, (i) => [
        `Rotated ${i.id} "${i.name}"; the old secret no longer works.`,
        '',
        `  ${i.secret}`,
        '',
        'This secret is not shown again: store it now.',
      ]);
    });

  integration
    .command('revoke')
    .description('Revoke an integration; its posts are refused from now on')
    .argument('<id>', 'integration id, e.g. INT-2')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak integration revoke INT-2')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const revoked = await clientFor(cmd, io).revokeIntegration(id.toUpperCase());
      emit(io, cmd, revoked, (i) => `Revoked ${i.id} "${i.name}" (${i.kind})`);
    });

  registerReplay(integration, io);
}

interface CreateOptions {
  kind: IntegrationKind;
  name: string;
  description?: string;
  systemLabel?: string;
  defaultSystem?: string;
  severityLabel?: string;
  nameLabel?: string;
  level: Record<string, 'warn' | 'page'>;
  fingerprintBy?: 'id' | 'subject';
}

function collectLevel(value: string, previous: Record<string, 'warn' | 'page'>): Record<string, 'warn' | 'page'> {
  const match = /^([^=]+)=(warn|page)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected <severity value>=warn or =page, such as p2=page');
  return { ...previous, [match[1]!.trim().toLowerCase()]: match[2]!.toLowerCase() as 'warn' | 'page' };
}

function systemFrom(i: Integration): string {
  return `label ${i.mapping.systemLabel}${i.mapping.defaultSystem ? `, else ${i.mapping.defaultSystem}` : ''}`;
}

function state(i: Integration): string {
  if (i.revokedAt) return `revoked ${utcMinute(i.revokedAt)}`;
  return i.rotatedAt ? `active, rotated ${utcMinute(i.rotatedAt)}` : 'active';
}
