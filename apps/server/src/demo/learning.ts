import { SystemCard } from '@firebreak/contract';
import { mulberry32 } from '@firebreak/detection';
import { addAction, closeAction, verifyAction } from '../actions/service';
import type { Actor, Ctx } from '../context';
import { applySystems } from '../flows/apply-catalog';
import { markKeyMoment } from '../incidents/moments';
import { getTimeline } from '../incidents/read';
import { acceptResidualRisk } from '../postmortems/closing';
import { draftPostmortem, editSection, transitionPostmortem } from '../postmortems/service';
import { DEMO_SYSTEMS } from './systems';

// The demo's learning: INC-1's postmortem, drafted from its timeline, edited, reviewed and
// published; its actions, one of them (a monitor the incident lacked) verified by replaying the
// incident's own telemetry through today's monitors and closed; its residual risk accepted.

type Step = (minute: number, run: () => Promise<unknown>) => Promise<void>;
type CtxAs = (name: string, role?: Actor['role']) => Ctx;

/**
 * The copilot's telemetry around INC-1, one answer every 10 seconds from 07:30 to 10:00 UTC:
 * about 1% of answers contradict the refund policy until prompt v7 goes out at 09:10; from 09:12
 * a third do, until v6 is back at 10:04. Seeded, so every demo is the same.
 */
export function demoTelemetry(at: (minute: number) => Date): string {
  const random = mulberry32(20261124);
  const lines: string[] = [];
  for (let second = -90 * 60; second < 60 * 60; second += 10) {
    const minute = second / 60;
    const prompt = minute >= 10 && minute < 64 ? 'support-answer-v7' : 'support-answer-v6';
    const broken = minute >= 12 && minute < 64;
    const contradicts = random() < (broken ? 0.33 : 0.01);
    lines.push(
      JSON.stringify({
        system: 'support-copilot',
        ts: new Date(at(0).getTime() + second * 1000).toISOString(),
        id: `ans-${second + 5400}`,
        kind: 'generation',
        model: 'gpt-4.1-2025-04-14',
        prompt,
        segment: { topic: random() < 0.3 ? 'refund' : 'order' },
        confidence: Math.round((0.78 + random() * 0.2) * 100) / 100,
        flags: { policy_contradiction: contradicts, pii: false },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The card after INC-1's monitoring action: default-style monitors plus the one the incident lacked. */
export function copilotAfterInc1(): SystemCard {
  const card = DEMO_SYSTEMS.find((candidate) => candidate.id === 'support-copilot')!;
  return SystemCard.parse({
    ...card,
    monitors: [
      { id: 'pii-in-answers', signal: 'flag:pii', detector: 'zero_tolerance' },
      {
        id: 'policy-contradictions',
        signal: 'flag:policy_contradiction',
        detector: 'rate',
        window: '5m',
        baselineWindows: 12,
        runbook: 'https://runbooks.example.com/support-copilot#policy-contradictions',
      },
      { id: 'answer-confidence', signal: 'confidence', detector: 'seasonal' },
      { id: 'negative-feedback', signal: 'feedback:negative', detector: 'seasonal' },
      { id: 'latency', signal: 'latency_ms', detector: 'seasonal' },
    ],
  });
}

export async function learnFromIt({
  id,
  step,
  ctxAs,
  telemetryId,
  now,
}: {
  id: string;
  step: Step;
  ctxAs: CtxAs;
  telemetryId: string;
  now: Date;
}): Promise<void> {
  const dana = () => ctxAs('dana');
  const entries = (await getTimeline({ ctx: dana(), id })).entries;
  const seqOf = (kind: string, test: (payload: Record<string, unknown>) => boolean = () => true) =>
    entries.find((entry) => entry.kind === kind && test(entry.payload))?.seq;
  const keys = [
    seqOf('declared'),
    seqOf('decision_logged'),
    seqOf('cause_isolated'),
    seqOf('control_changed', (payload) => payload.key === 'support-copilot.prompt'),
    seqOf('status_changed', (payload) => payload.to === 'contained'),
  ].filter((seq): seq is number => seq !== undefined);
  await step(305, async () => {
    for (const seq of keys) await markKeyMoment({ ctx: dana(), id, seq, key: true });
  });
  await step(310, () => draftPostmortem({ ctx: dana(), id, input: {} }));
  const cite = (kind: 'timeline', seq: number | undefined) => (seq === undefined ? [] : [{ kind, ref: String(seq) }]);
  await step(330, () =>
    editSection({
      ctx: dana(),
      id,
      section: 'factors',
      input: {
        reason: 'Confirmed in the review',
        factors: [
          {
            category: 'prompt_guardrails',
            description:
              'Prompt template v7 no longer placed the refund-policy excerpt in the context; the model filled the gap with a 90-day window.',
            citations: [
              { kind: 'decision', ref: 'DEC-1' },
              { kind: 'evidence', ref: 'EV-1' },
              ...cite('timeline', keys[3]),
            ],
          },
          {
            category: 'process',
            description:
              'Prompt templates were released without an evaluation of policy answers; the release gate checked tone and length only.',
            citations: [{ kind: 'decision', ref: 'DEC-1' }],
          },
          {
            category: 'detection_gap',
            description:
              'No monitor watched answers that contradict policy; a support lead noticed 28 minutes after the onset.',
            citations: [{ kind: 'evidence', ref: telemetryId }, ...cite('timeline', keys[0])],
          },
        ],
      },
    }),
  );
  await step(340, () =>
    editSection({
      ctx: dana(),
      id,
      section: 'whys',
      input: {
        reason: 'Review',
        chains: [
          {
            problem: 'Customers were told refunds are available for 90 days.',
            steps: [
              {
                why: 'Why did the copilot state a 90-day window?',
                because: 'Prompt v7 no longer included the policy excerpt, so answers were not grounded on the policy.',
                citations: [{ kind: 'decision', ref: 'DEC-1' }],
              },
              {
                why: 'Why did v7 drop the excerpt?',
                because: 'The template refactor moved retrieval slots, and the policy slot was left unfilled.',
                citations: [{ kind: 'evidence', ref: 'EV-1' }],
              },
              {
                why: 'Why did the release not catch it?',
                because: 'The prompt release gate had no evaluation of policy answers.',
                citations: [{ kind: 'decision', ref: 'DEC-1' }],
              },
              {
                why: 'Why did it take 28 minutes to notice?',
                because: 'No monitor watched the rate of answers contradicting policy.',
                citations: [{ kind: 'evidence', ref: telemetryId }],
              },
            ],
          },
        ],
      },
    }),
  );
  await step(345, () =>
    editSection({
      ctx: dana(),
      id,
      section: 'lucky',
      input: {
        body: '- No refund had been processed on the false policy when the prompt was rolled back.\n- A support lead happened to read a refund ticket at 09:40.',
      },
    }),
  );
  const day = 24 * 60;
  // The monitor the incident lacked is on the card the next morning.
  await step(day, () => applySystems({ ctx: ctxAs('sam'), input: { systems: [copilotAfterInc1()] } }));
  const sam = () => ctxAs('sam');
  const monitoring = await addActionAt(step, day + 5, () =>
    addAction({
      ctx: sam(),
      id,
      input: {
        title: 'Rate monitor on answers that contradict policy',
        category: 'monitoring',
        type: 'corrective',
        priority: 'high',
        owner: 'sam-okafor',
        dueAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
        tracker: 'https://github.com/example/support-copilot/issues/311',
        verification: {
          kind: 'replay',
          evidence: telemetryId,
          monitor: 'policy-contradictions',
          within: '10m',
          level: 'warn',
          lookback: '2d',
        },
      },
    }),
  );
  await step(day + 10, () => verifyAction({ ctx: sam(), id: monitoring, input: {} }));
  await step(day + 11, () =>
    closeAction({
      ctx: sam(),
      id: monitoring,
      input: { reason: 'Replaying INC-1 alerts within 10 minutes of the onset' },
    }),
  );
  await step(day + 20, () =>
    addAction({
      ctx: dana(),
      id,
      input: {
        title: 'Evaluate refund-policy answers in the prompt release gate',
        category: 'evaluation_gates',
        type: 'preventive',
        priority: 'high',
        owner: 'lee-park',
        dueAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
        tracker: 'https://github.com/example/support-copilot/issues/312',
        verification: {
          kind: 'attestation',
          url: 'https://github.com/example/support-copilot/pull/318',
          what: 'The release gate runs the 200-question refund-policy eval and blocks below 98%',
        },
      },
    }),
  );
  await step(day + 25, () =>
    addAction({
      ctx: dana(),
      id,
      input: {
        title: 'Fail closed when the policy excerpt is missing from the context',
        category: 'architecture_guardrails',
        type: 'preventive',
        priority: 'medium',
        owner: 'priya-raman',
        // Due two days after the review: overdue by now, so the demo's Actions page has one.
        dueAt: new Date(now.getTime() - 86_400_000 + 3 * 60_000).toISOString(),
        verification: { kind: 'monitor', system: 'support-copilot', signal: 'flag:policy_excerpt_missing' },
      },
    }),
  );
  await step(2 * day, () =>
    transitionPostmortem({ ctx: dana(), id, input: { status: 'in_review', acceptFindings: false } }),
  );
  await step(2 * day + 60, () =>
    transitionPostmortem({ ctx: ctxAs('priya'), id, input: { status: 'published', acceptFindings: false } }),
  );
  await step(2 * day + 70, () =>
    acceptResidualRisk({
      ctx: dana(),
      id,
      input: {
        acceptedBy: 'dana-reyes',
        risk: 'Other prompt templates may drop retrieval slots the same way until the release-gate eval (ACT-2) ships.',
      },
    }),
  );
}

async function addActionAt(step: Step, minute: number, run: () => Promise<{ id: string }>): Promise<string> {
  let id = '';
  await step(minute, async () => {
    id = (await run()).id;
  });
  return id;
}
