import { ERROR_CODES } from '@firebreak/core';
import { z } from './zod';

export const FieldIssueSchema = z.object({
  path: z.string().openapi({ example: 'body.severity' }),
  message: z.string(),
});
export type FieldIssueBody = z.infer<typeof FieldIssueSchema>;

/** The body of every error response. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ example: 'body.severity: expected one of SEV1|SEV2|SEV3|SEV4|P0|P1|P2|P3' }),
      requestId: z.string(),
      details: z
        .object({ issues: z.array(FieldIssueSchema).optional() })
        .catchall(z.unknown())
        .optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;
