import { z } from './zod';

/** One signed checkpoint: the canonical JSON body exactly as signed, and its Ed25519 signature. */
export const SignedCheckpoint = z
  .object({
    seq: z.number().int().min(1),
    at: z.string(),
    keyId: z.string().max(64),
    body: z.string().max(50_000_000),
    signature: z.string().max(200),
  })
  .strict()
  .openapi('SignedCheckpoint');
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

/** The checkpoints and the public key that signed them: what a third party keeps (docs/adr/0013). */
export const CheckpointExport = z
  .object({
    format: z.literal('firebreak-checkpoints/1'),
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected a raw Ed25519 public key, base64url'),
    keyId: z.string().max(64),
    exportedAt: z.string(),
    checkpoints: z.array(SignedCheckpoint).max(1_000_000),
  })
  .strict()
  .openapi('CheckpointExport');
export type CheckpointExport = z.infer<typeof CheckpointExport>;

export const IntegrityProblem = z
  .object({
    scope: z.string().openapi({ description: 'An incident id, `audit`, `checkpoints` or `store`.' }),
    check: z.enum(['chain', 'precision', 'checkpoint', 'projection', 'evidence', 'deleted', 'signature']),
    message: z.string(),
  })
  .openapi('IntegrityProblem');

export const IntegrityReport = z
  .object({
    intact: z.boolean(),
    checkedAt: z.string(),
    incidents: z.number().int(),
    timelineEntries: z.number().int(),
    auditEntries: z.number().int(),
    checkpoints: z.number().int(),
    evidenceFiles: z.number().int(),
    problems: z.array(IntegrityProblem),
  })
  .openapi('IntegrityReport');
export type IntegrityReport = z.infer<typeof IntegrityReport>;

/** `POST /checkpoints` takes an empty body: the server signs its own chain heads. */
export const CheckpointRequest = z.object({}).strict().openapi('CheckpointRequest');
