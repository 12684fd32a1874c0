import { ControlKey } from './controls';
import { SafeString } from './text';
import { z } from './zod';

// The control routes' path and query parameters (the bodies are in controls.ts).

const SLUG = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** The `{key}` in `/controls/{key}`. */
export const ControlKeyParams = z.object({ key: ControlKey });

/** The `{key}` and `{version}` in `/controls/{key}/bundles/{version}`. */
export const BundleParams = z.object({ key: ControlKey, version: SafeString(200).min(1) });

/** `system=a,b` (or the parameter repeated): the systems whose controls an app obeys. */
export const ControlSystems = z
  .string()
  .max(4000)
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((id) => SLUG.test(id)),
    'expected system ids separated by commas, such as support-copilot,fraud-model',
  )
  .optional()
  .openapi({ type: 'string', example: 'support-copilot,fraud-model' });

/** `GET /controls`: some systems' controls, or only those changed after a seq (polling). */
export const ControlListQuery = z
  .object({
    system: ControlSystems,
    after: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'Only controls changed after this seq (for polling).' }),
  })
  .strict();
export type ControlListQuery = z.infer<typeof ControlListQuery>;

/** `GET /controls/stream`: the systems whose control changes to stream. */
export const ControlStreamQuery = z.object({ system: ControlSystems }).strict();

/** The `{id}` in `/approvals/{id}/...`. */
export const ApprovalIdParams = z.object({
  id: z.string().regex(/^APR-[1-9][0-9]*$/, 'expected an approval id such as APR-3'),
});

/** `GET /approvals`: by status, by control. */
export const ApprovalListQuery = z
  .object({
    status: z.enum(['pending', 'approved', 'rejected', 'superseded']).optional(),
    key: ControlKey.optional(),
  })
  .strict();
export type ApprovalListQuery = z.input<typeof ApprovalListQuery>;
