import { PLAN_SECTION_IDS } from '@firebreak/core';
import { TimestampOut } from './common';
import { z } from './zod';

/** The formats a response plan comes in; pdf needs Chromium on the server. */
export const PLAN_FORMATS = ['json', 'md', 'html', 'pdf'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** `GET /systems/{id}/plan?format=…` */
export const PlanQuery = z
  .object({
    format: z.enum(PLAN_FORMATS).default('json').openapi({ description: 'json (default), md, html or pdf.' }),
  })
  .strict();
export type PlanQuery = z.infer<typeof PlanQuery>;

/** A hole in the plan, with a stable id a release gate can name. */
export const ResponsePlanGap = z
  .object({
    id: z.string().openapi({ example: 'no-role:privacy' }),
    section: z.enum(PLAN_SECTION_IDS),
    message: z.string().openapi({ example: 'no owner for the privacy role, and the system processes personal data' }),
    fix: z.string().openapi({ example: 'name who privacy is under notifications.audiences.privacy' }),
  })
  .openapi('ResponsePlanGap');

/** A system's AI incident response plan (issue 15): its sections in Markdown, its gaps, and the whole document. */
export const ResponsePlan = z
  .object({
    system: z.string(),
    name: z.string(),
    generatedAt: TimestampOut,
    sections: z.array(
      z.object({
        id: z.enum(PLAN_SECTION_IDS),
        title: z.string(),
        body: z.string().openapi({ description: 'The section in Markdown, without its heading.' }),
      }),
    ),
    gaps: z.array(ResponsePlanGap),
    markdown: z.string().openapi({ description: 'The whole plan as one Markdown document.' }),
  })
  .openapi('ResponsePlan');
export type ResponsePlan = z.infer<typeof ResponsePlan>;

/** A plan exported as a document: Markdown or HTML text, or PDF bytes. */
export const PlanDocument = z.string().openapi('PlanDocument', {
  description: 'text/markdown or text/html text, or application/pdf bytes',
});
