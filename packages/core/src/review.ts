/** What a reviewer can do with an item a human-review control held back. */
export const REVIEW_OUTCOMES = ['approved', 'edited', 'refused', 'escalated'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * Standard refusals a reviewer picks from, so users get a vetted answer and the counts mean
 * something. The text is what the app shows the user.
 */
export const REFUSAL_MESSAGES = {
  cannot_help: 'Sorry, I can’t help with that request.',
  privacy: 'Sorry, I can’t share that: it may contain someone’s personal information.',
  policy: 'Sorry, that request goes against our usage policy.',
  human_followup: 'A member of our team will look into this and get back to you.',
  unavailable: 'This feature is temporarily unavailable. Please try again later.',
} as const;
export type RefusalMessageId = keyof typeof REFUSAL_MESSAGES;
export const REFUSAL_MESSAGE_IDS = Object.keys(REFUSAL_MESSAGES) as RefusalMessageId[];

/** Which decisions may follow the item's current status: pending items take any, escalated ones a final answer. */
export function canDecide(status: string, outcome: ReviewOutcome): boolean {
  if (status === 'pending') return true;
  return status === 'escalated' && outcome !== 'escalated';
}
