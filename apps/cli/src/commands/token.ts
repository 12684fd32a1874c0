import type { ApiToken } from '@firebreak/contract';
import { TOKEN_ROLES, type TokenRole } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, table } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";

/** `firebreak token …`: API tokens (admin only). */
export function registerToken(program: Command, io: CliIo): void {
  const token = program
    .command('token')
    .description('Create, list and revoke API tokens (needs an admin token)')
    .addHelpText(
      'after',
      `
Roles: viewer (read only), responder (run incidents), admin (also tokens and settings).
The token's name is recorded as the actor on everything it changes.

Examples:
  $ firebreak token create --name dana --role responder
  $ firebreak token list
  $ firebreak token revoke TOK-4`,
    );

  token
    .command('create')
    .description('Create a token; its secret is printed once')
    .requiredOption('--name <name>', 'who or what holds it (shown as the actor on its changes)')
    .requiredOption('--role <role>', `role: ${TOKEN_ROLES.join(', ')}`, parse.oneOf(TOKEN_ROLES))
    .option(
      '--expires-in <duration>',
      'stop working after this long, e.g. 30d (default: until revoked)',
      parse.duration,
    )
    .option(
      '--systems <ids>',
      'app tokens: the systems it speaks for, comma-separated (required for --role app)',
      parse.systemIds,
    )
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak token create --name dana --role responder\n  $ firebreak token create --name auditor --role viewer --expires-in 30d\n  $ firebreak token create --name grafana --role viewer --json\n  $ firebreak token create --name copilot-prod --role app --systems support-copilot   # an AI app: telemetry, controls, review items',
    )
    .action(
      async (options: { name: string; role: TokenRole; expiresIn?: string; systems?: string[] }, cmd: Command) => {
        if (options.role === 'app' && !options.systems?.length)
          throw new UsageError('an app token must name the systems it speaks for: --systems support-copilot[,other]');
        if (options.role !== 'app' && options.systems)
          throw new UsageError(`--systems is for app tokens; a ${options.role} token is not scoped to systems`);
        const created = await clientFor(cmd, io).createToken({
          name: options.name,
          role: options.role,
          ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
          ...(options.systems ? { systems: options.systems } : {}),
        });
        emit(io, cmd, created, (t) => [
          `Created ${t.id} "${t.name}" (${t.role}${t.systems ? ` for ${t.systems.join(', ')}` : ''})${t.expiresAt ? `, expires ${utcMinute(t.expiresAt)}` : ''}`,
          '',
          `  ${t.token}`,
          '',
          'This secret is not shown again: store it now. Use it as FIREBREAK_TOKEN or a Bearer token.',
        ]);
      },
    );

  token
    .command('list')
    .description('List tokens (never their secrets)')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak token list')
    .action(async (_options: unknown, cmd: Command) => {
      const list = await clientFor(cmd, io).listTokens();
      emit(io, cmd, list, ({ tokens }) => {
        const now = io.now();
        const at = (iso: string | null) => (iso ? `${utcMinute(iso)} (${relativeTime(iso, now)})` : '—');
        const rows = tokens.map((t) => [
          t.id,
          t.name,
          t.role,
          `${utcMinute(t.createdAt)} by ${t.createdBy}`,
          at(t.lastUsedAt),
          t.systems?.join(', ') ?? (t.role === 'app' ? 'none (re-issue with --systems)' : 'all'),
          state(t, now),
        ]);
        return table(['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'SYSTEMS', 'STATE'], rows);
      });
    });

  token
    .command('revoke')
    .description('Revoke a token; requests with it fail from now on')
    .argument('<id>', 'token id, e.g. TOK-4 (see: firebreak token list)')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak token revoke TOK-4')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const revoked = await clientFor(cmd, io).revokeToken(id.toUpperCase());
      emit(io, cmd, revoked, (t) => `Revoked ${t.id} "${t.name}" (${t.role})`);
    });
}

function state(token: ApiToken, now: Date): string {
  if (token.revokedAt) return `revoked ${utcMinute(token.revokedAt)}`;
  if (!token.expiresAt) return 'active';
  const expired = Date.parse(token.expiresAt) <= now.getTime();
  return `${expired ? 'expired' : 'active, expires'} ${utcMinute(token.expiresAt)} (${relativeTime(token.expiresAt, now)})`;
}
