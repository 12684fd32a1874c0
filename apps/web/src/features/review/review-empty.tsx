import { EmptyState } from '../../ui/states';
import type { ReviewFilter } from './review-text';

const APP_CODE = `import { FirebreakClient, FirebreakControls } from '@firebreak/sdk';

const controls = new FirebreakControls({ baseUrl, token, systems: ['support-copilot'] });
const client = new FirebreakClient({ baseUrl, token });

const { review, reason } = controls.review('support-copilot.review', { id: eventId, flags: { pii }, segment, confidence });
if (review) {
  await client.submitForReview({ system: 'support-copilot', control: 'support-copilot.review', eventId, content: { prompt, answer }, routedBecause: reason ?? undefined });
  return holdForAgent();
}`;

/** The queue is empty: what would put items here, and how. */
export function ReviewEmpty({ filter }: { filter: ReviewFilter }) {
  const scope = [filter.system, filter.incident].filter(Boolean).join(' · ');
  if (filter.status !== 'pending') {
    return (
      <EmptyState title={`No ${filter.status} items${scope ? ` for ${scope}` : ''}`}>
        <p>
          When a reviewer decides an item this way, it shows here with who decided, when, and what the user was sent.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`Nothing waiting for review${scope ? ` for ${scope}` : ''}`}>
      <p>
        Items land here when a <strong>human_review</strong> control holds an AI output back instead of sending it to
        the user: a share of all traffic, or anything matching a condition (a flag such as <code>pii</code>, a segment
        such as <code>topic=refund</code>, confidence below a threshold). Change a system’s review control from an
        incident’s controls panel (<kbd>k</kbd>), or with the CLI:
      </p>
      <pre>
        <code>npx firebreak control set support-copilot.review --share 1 --for 2h --reason "review every answer"</code>
      </pre>
      <p>
        The app asks the control locally for each output and queues what it holds back (an <code>app</code> token is
        enough); the same event id twice queues it once:
      </p>
      <pre>
        <code>{APP_CODE}</code>
      </pre>
      <p>
        A reviewer then approves it, edits it, refuses it with a standard message, or escalates it; the counts per
        incident and system are kept.
      </p>
    </EmptyState>
  );
}
