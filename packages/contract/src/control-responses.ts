import { Approval, Bundle, Control, ControlChange } from './controls';
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

/** `GET /controls/{key}/bundles`: a bundle route's bundles, oldest first, retired ones last. */
export const BundleList = z.object({ key: z.string(), bundles: z.array(Bundle) }).openapi('BundleList');
export type BundleList = z.infer<typeof BundleList>;

/** What registering or deleting a bundle answers: the bundle, the route after it, and what retention pruned. */
export const BundleChange = z
  .object({
    bundle: Bundle,
    control: Control,
    pruned: z.array(z.string()).openapi({ description: 'Versions retention retired to make room.' }),
  })
  .openapi('BundleChange');
export type BundleChange = z.infer<typeof BundleChange>;
