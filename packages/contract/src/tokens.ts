import { TOKEN_ROLES } from '@firebreak/core';
import { Duration, SystemId, Text, TimestampOut } from './common';
import { z } from './zod';

/**
 * viewer < responder < admin; `app` is apart: what an AI app needs and nothing more (send
 * telemetry, read and stream its controls, queue items for human review).
 */
export { TOKEN_ROLES, type TokenRole } from '@firebreak/core';

export const CreateTokenRequest = z
  .object({
    /** Who or what holds the token; it is the actor on everything the token changes. */
    name: Text(120).openapi({ example: 'dana' }),
    role: z.enum(TOKEN_ROLES),
    /** How long the token works, such as `30d`; without it the token works until revoked. */
    expiresIn: Duration.optional(),
    /**
     * The AI systems an app token speaks for: it may send telemetry, read controls and queue
     * review items for these only. Required for `app` (docs/adr/0014); other roles take none.
     */
    systems: z.array(SystemId).min(1, 'name at least one system').max(100).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.role === 'app' && value.systems === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['systems'],
        message: 'an app token must name the systems it speaks for, such as ["support-copilot"]',
      });
    if (value.role !== 'app' && value.systems !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['systems'],
        message: `only app tokens are scoped to systems, not ${value.role}`,
      });
  })
  .openapi('CreateTokenRequest');
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const ApiToken = z
  .object({
    id: z.string().openapi({ example: 'TOK-2' }),
    name: z.string(),
    role: z.enum(TOKEN_ROLES),
    createdAt: TimestampOut,
    createdBy: z.string(),
    lastUsedAt: TimestampOut.nullable(),
    revokedAt: TimestampOut.nullable(),
    /** When the token stops working; null: until revoked. */
    expiresAt: TimestampOut.nullable(),
    /** The systems an app token speaks for; null: not scoped (other roles, and app tokens from before scoping). */
    systems: z.array(z.string()).nullable(),
  })
  .openapi('ApiToken');
export type ApiToken = z.infer<typeof ApiToken>;

export const CreatedToken = ApiToken.extend({
  token: z.string().openapi({ description: 'The secret. Shown once; only its hash is kept.' }),
}).openapi('CreatedToken');
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenList = z.object({ tokens: z.array(ApiToken) }).openapi('TokenList');
export type TokenList = z.infer<typeof TokenList>;

export const WhoAmI = z.object({ name: z.string(), role: z.enum(TOKEN_ROLES), tokenId: z.string() }).openapi('WhoAmI');
export type WhoAmI = z.infer<typeof WhoAmI>;

/** The `{id}` in `/tokens/{id}`. */
export const TokenIdParams = z.object({
  id: z.string().regex(/^TOK-[1-9][0-9]*$/, 'expected a token id such as TOK-2'),
});
