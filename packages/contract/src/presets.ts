import { FILTER_LEVELS, SEVERITIES } from '@firebreak/core';
import { IncidentId, Text, TimestampOut } from './common';
import { QueueRetryAfter, ReviewCondition, Throttle } from './controls';
import { z } from './zod';

const PresetId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a lower-case slug such as safe-mode (a-z, 0-9, _ -)');

/** One control's target state in a preset: the fields of a control change, for that control's kind. */
export const PresetChange = z
  .object({
    control: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected the id of one of the system’s controls')
      .openapi({ example: 'auto-send' }),
    enabled: z.boolean().optional(),
    active: Text(200).optional(),
    limit: Throttle.nullable().optional(),
    share: z.number().min(0).max(1).optional(),
    when: z.array(ReviewCondition).max(20).optional(),
    level: z.enum(FILTER_LEVELS).optional(),
    paused: z.boolean().optional(),
    retryAfter: QueueRetryAfter.optional(),
  })
  .strict()
  .openapi('PresetChange');
export type PresetChange = z.infer<typeof PresetChange>;

/**
 * A named set of control changes applied at once, in one audited change, and reverted as one:
 * a system's **safe mode** is the preset `safe-mode` (strict filter, every risky answer reviewed,
 * tools off, the fallback model).
 */
export const PresetConfig = z
  .object({
    id: PresetId,
    description: Text(1000).optional(),
    changes: z.array(PresetChange).min(1, 'a preset changes at least one control').max(50),
  })
  .strict()
  .openapi('PresetConfig');
export type PresetConfig = z.infer<typeof PresetConfig>;

/** Guardrail tiers: which preset a severity calls for (`SEV1: safe-mode`). */
export const GuardrailTiers = z
  .partialRecord(z.enum(SEVERITIES), PresetId)
  .openapi('GuardrailTiers', { example: { SEV1: 'safe-mode', SEV2: 'strict' } });
export type GuardrailTiers = z.infer<typeof GuardrailTiers>;

const KIND_FIELDS = {
  kill_switch: ['enabled'],
  route: ['active'],
  throttle: ['limit'],
  human_review: ['share', 'when'],
  output_filter: ['level'],
  queue: ['paused', 'retryAfter'],
  // A flush cannot be taken back, and a preset is reverted as one: caches are flushed on their own.
  cache: [],
} as const;

/**
 * Checks a card's presets and tiers against its controls: each change names a control of the
 * card, sets only what that kind has (a route only to one of its versions), once per preset;
 * each tier names a preset.
 */
export function checkPresets(
  card: {
    controls: readonly { id: string; kind: keyof typeof KIND_FIELDS; versions?: readonly string[] }[];
    presets?: readonly PresetConfig[] | undefined;
    tiers?: GuardrailTiers | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const controls = new Map(card.controls.map((control) => [control.id, control]));
  const seenPresets = new Set<string>();
  for (const [p, preset] of (card.presets ?? []).entries()) {
    if (seenPresets.has(preset.id))
      ctx.addIssue({ code: 'custom', path: ['presets', p, 'id'], message: `duplicate preset ${preset.id}` });
    seenPresets.add(preset.id);
    const seen = new Set<string>();
    for (const [c, change] of preset.changes.entries()) {
      const path = ['presets', p, 'changes', c];
      const control = controls.get(change.control);
      if (!control) {
        const known = [...controls.keys()].join(', ') || 'none declared';
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'control'],
          message: `unknown control ${change.control}: the system's controls are ${known}`,
        });
        continue;
      }
      if (seen.has(change.control))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'control'],
          message: `${change.control} is changed twice in this preset`,
        });
      seen.add(change.control);
      const allowed: readonly string[] = KIND_FIELDS[control.kind];
      if (allowed.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'control'],
          message: `${change.control} is a ${control.kind}: a preset is reverted as one and a flush cannot be, so flush it on its own (firebreak control flush)`,
        });
        continue;
      }
      const given = Object.keys(change).filter((key) => key !== 'control');
      if (given.length === 0)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `say what ${change.control} becomes (${allowed.join(' or ')})`,
        });
      for (const key of given.filter((key) => !allowed.includes(key)))
        ctx.addIssue({
          code: 'custom',
          path: [...path, key],
          message: `a ${control.kind} control has no ${key}; it takes ${allowed.join(' or ')}`,
        });
      if (change.active !== undefined && control.versions && !control.versions.includes(change.active))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'active'],
          message: `must be one of ${change.control}'s versions (${control.versions.join(', ')})`,
        });
    }
  }
  for (const [severity, preset] of Object.entries(card.tiers ?? {})) {
    if (preset !== undefined && !seenPresets.has(preset))
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', severity],
        message: `unknown preset ${preset}: declare it under presets`,
      });
  }
}

/** `POST /systems/{id}/presets/{preset}/apply` and `…/revert`. */
export const PresetActionRequest = z
  .object({
    reason: Text(2000).openapi({ description: 'Why: it goes on the record and on the incident’s timeline.' }),
    incident: IncidentId.optional().openapi({ description: 'The incident this serves; it lands on its timeline.' }),
  })
  .strict()
  .openapi('PresetActionRequest');
export type PresetActionRequest = z.infer<typeof PresetActionRequest>;

const SystemRef = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected a system id');

/** The `{id}` in `/systems/{id}/presets`. */
export const SystemPresetsParams = z.object({ id: SystemRef });

/** The `{id}` and `{preset}` in `/systems/{id}/presets/{preset}/…`. */
export const PresetParams = z.object({ id: SystemRef, preset: PresetId });

/** One control as a preset moved it: its state before and after, and the change's seq. */
export const PresetControlChange = z
  .object({ key: z.string(), before: z.unknown(), after: z.unknown(), seq: z.number().int() })
  .openapi('PresetControlChange');

/** One application of a preset: applied as one change and reverted as one. */
export const PresetApplication = z
  .object({
    id: z.string().openapi({ example: 'PRE-2' }),
    system: z.string(),
    preset: z.string(),
    status: z.enum(['applied', 'reverted']),
    appliedAt: TimestampOut,
    appliedBy: z.string(),
    reason: z.string(),
    incidentId: z.string().nullable(),
    changes: z.array(PresetControlChange),
    revertedAt: TimestampOut.nullable(),
    revertedBy: z.string().nullable(),
    revertReason: z.string().nullable(),
  })
  .openapi('PresetApplication');
export type PresetApplication = z.infer<typeof PresetApplication>;

/** `GET /systems/{id}/presets`: the card's presets and tiers, and which preset is applied now. */
export const PresetList = z
  .object({
    presets: z.array(PresetConfig.extend({ applied: PresetApplication.nullable() })),
    tiers: GuardrailTiers,
  })
  .openapi('PresetList');
export type PresetList = z.infer<typeof PresetList>;
