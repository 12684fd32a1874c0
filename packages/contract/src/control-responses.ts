import { Approval, Control, ControlChange } from './controls';
import { z } from './zod';

// What the control routes answer beyond the single shapes in controls.ts.

/** `GET /controls`: the controls, and the newest change's seq to poll after. */
export const ControlList = z
  .object({
    seq: z.number().int().openapi({ description: 'The newest change’s seq: poll with after=seq.' }),
    controls: z.array(Control),
  })
  .openapi('ControlList');
export type ControlList = z.infer<typeof ControlList>;

/** `GET /controls/{key}`: one control with its recent history. */
export const ControlDetail = Control.extend({ history: z.array(ControlChange) }).openapi('ControlDetail');
export type ControlDetail = z.infer<typeof ControlDetail>;

/** `GET /approvals`: newest first. */
export const ApprovalList = z.object({ approvals: z.array(Approval) });
export type ApprovalList = z.infer<typeof ApprovalList>;
