import { type ChangeControlResponse, OnCallDirectory, SystemCard } from '@firebreak/contract';
import pino from 'pino';
import type { Actor, Ctx } from '../context';
import { changeControl, rollbackControl } from '../controls/service';
import type { Db } from '../db/connect';
import { EventBus } from '../events/bus';
import { applySystems } from '../flows/apply-catalog';
import { transitionIncident } from '../flows/transition-incident';
import { declareIncident } from '../incidents/declare';
import { acknowledgeIncident } from '../incidents/lifecycle';
import { markIsolated } from '../incidents/moments';
import { addEvidence, logDecision, postStatusUpdate } from '../incidents/records';
import { assignRole } from '../incidents/roles';
import { listIncidents } from '../incidents/store';
import { scheduleMaintenance, setComponentState } from '../status-page/components';
import { publishStatusUpdate } from '../status-page/publish';
import { listSystems } from '../systems/store';
import { demoDirectory } from './directory';
import { seedHistory } from './history';
import { demoTelemetry, learnFromIt } from './learning';
import { DEMO_SYSTEMS } from './systems';

/**
 * Seeds the demo: two AI systems and one resolved past incident with a full timeline, then (unless
 * `history` is false) a quarter of past incidents, postmortems, actions and drills numbered from
 * 901. Runs only on an empty store, so restarting `npm start` never duplicates it. Returns whether
 * it seeded.
 */
export async function seedDemo(db: Db, now: Date, { history = true }: { history?: boolean } = {}): Promise<boolean> {
  const [systems, incidents] = await Promise.all([
    listSystems(db),
    listIncidents(db, { exercise: 'include', limit: 1, offset: 0 }),
  ]);
  if (systems.length > 0 || incidents.total > 0) return false;

  // The incident happened three days ago; the clock walks through it minute by minute.
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 3, 9, 0);
  let minute = 0;
  const at = (m: number) => new Date(start + m * 60_000);
  const ctxAs = (name: string, role: Actor['role'] = 'responder'): Ctx => ({
    db,
    actor: { name, role, tokenId: null },
    now: () => at(minute),
    log: pino({ level: 'silent' }),
    requestId: 'demo-seed',
    events: new EventBus(),
  });

  // Parsed like any card, so the defaults (a kill switch starts on) are filled in.
  await applySystems({
    ctx: ctxAs('platform-admin', 'admin'),
    input: {
      systems: DEMO_SYSTEMS.map((card) => SystemCard.parse(card)),
      directory: OnCallDirectory.parse(demoDirectory(now)),
    },
  });

  minute = 45;
  const incident = await declareIncident({
    ctx: ctxAs('priya'),
    input: {
      title: 'Copilot quoted a refund policy that does not exist',
      summary:
        'Support copilot told customers that orders over €200 are refundable for 90 days. The real policy is 30 days. ' +
        'Answers with the false policy went out for about 40 minutes before a support lead noticed.',
      type: 'hallucination_spike',
      severity: 'SEV2',
      systems: ['support-copilot'],
      nearMiss: false,
      onsetAt: at(12).toISOString(),
      detectedAt: at(40).toISOString(),
    },
  });
  const id = incident.id;
  const step = async (m: number, run: () => Promise<unknown>) => {
    minute = m;
    await run();
  };

  await step(48, () =>
    acknowledgeIncident({ ctx: ctxAs('dana'), id, input: { note: 'On it; pulling the copilot traces.' } }),
  );
  await step(49, () =>
    assignRole({ ctx: ctxAs('dana'), id, input: { role: 'incident_commander', person: 'Dana Reyes' } }),
  );
  await step(50, () => assignRole({ ctx: ctxAs('dana'), id, input: { role: 'tech_lead', person: 'Sam Okafor' } }));
  await step(50, () => assignRole({ ctx: ctxAs('dana'), id, input: { role: 'comms_lead', person: 'Lee Park' } }));
  await step(51, () => transitionIncident({ ctx: ctxAs('dana'), id, input: { status: 'active' } }));
  let evidenceId = '';
  await step(55, async () => {
    const evidence = await addEvidence({
      ctx: ctxAs('sam'),
      id,
      input: {
        kind: 'model_output',
        title: 'Twelve copilot answers citing a 90-day refund window',
        modelVersion: 'gpt-4.1-2025-04-14',
        promptVersion: 'support-answer-v7',
        windowStart: at(12).toISOString(),
        windowEnd: at(52).toISOString(),
        content: DEMO_OUTPUTS,
        contentEncoding: 'utf8',
        mediaType: 'application/x-ndjson',
      },
    });
    evidenceId = evidence.id;
  });
  let telemetryId = '';
  await step(57, async () => {
    const evidence = await addEvidence({
      ctx: ctxAs('sam'),
      id,
      input: {
        kind: 'telemetry_sample',
        title: 'Copilot telemetry 07:30–10:00 UTC: answers flagged as contradicting policy',
        windowStart: at(-90).toISOString(),
        windowEnd: at(60).toISOString(),
        content: demoTelemetry(at),
        contentEncoding: 'utf8',
        mediaType: 'application/x-ndjson',
      },
    });
    telemetryId = evidence.id;
  });
  await step(58, () =>
    postStatusUpdate({
      ctx: ctxAs('lee'),
      id,
      input: {
        audience: 'internal',
        whatHappened:
          'The support copilot has been stating a 90-day refund window since about 09:12 UTC; the policy is 30 days.',
        impact: 'About 140 customer conversations received the false policy. No refunds processed on it yet.',
        currentStatus: 'Investigating; prompt template v7 (deployed 09:10) is the prime suspect.',
        nextSteps: 'Roll back the prompt template and hold auto-send until answers are checked.',
        asks: 'Support leads: flag any refund request citing 90 days.',
      },
    }),
  );
  await step(62, () =>
    logDecision({
      ctx: ctxAs('dana'),
      id,
      input: {
        observation: 'Every false answer came from prompt template v7, deployed two minutes before the onset.',
        hypothesis:
          'v7 dropped the policy excerpt from the retrieval context, so the model fills the gap from pre-training.',
        test: 'Replayed 30 affected conversations: v7 gave 90 days in 11, v6 in none.',
        decision: 'Roll the prompt template back to v6 and route refund questions to human review until verified.',
        rationale: 'Rollback is instant and v6 ran clean for three weeks; human review covers the residual risk.',
        evidence: [evidenceId, telemetryId],
      },
    }),
  );
  await step(63, () =>
    markIsolated({
      ctx: ctxAs('sam'),
      id,
      input: { cause: 'Prompt template v7 dropped the policy excerpt from the retrieval context.' },
    }),
  );
  await step(64, () =>
    applied(
      rollbackControl({
        ctx: ctxAs('sam'),
        key: 'support-copilot.prompt',
        input: {
          to: 'support-answer-v6',
          reason: 'v7 drops the policy excerpt; v6 ran clean for three weeks',
          incident: id,
        },
      }),
    ),
  );
  await step(65, () =>
    applied(
      changeControl({
        ctx: ctxAs('sam'),
        key: 'support-copilot.review',
        input: {
          when: [{ flag: 'pii' }, { segment: { topic: 'refund' } }],
          reason: 'Refund answers to an agent until v6 is verified',
          incident: id,
        },
      }),
    ),
  );
  await step(66, () =>
    transitionIncident({
      ctx: ctxAs('dana'),
      id,
      input: { status: 'contained', reason: 'Prompt template rolled back to v6; refund questions go to human review.' },
    }),
  );
  let customerUpdate = '';
  await step(70, async () => {
    ({ id: customerUpdate } = await postStatusUpdate({
      ctx: ctxAs('lee'),
      id,
      input: {
        audience: 'customer',
        whatHappened:
          'For about an hour this morning our assistant gave some customers incorrect information about refund windows.',
        impact:
          'If you were told refunds are available for 90 days, the correct window is 30 days. We will honour what you were told.',
        currentStatus: 'The issue is fixed; refund questions are answered by our team while we verify the assistant.',
        nextSteps: 'We will contact affected customers directly within two business days.',
      },
    }));
  });
  // Lee, the comms lead, approves the customer update for the public status page.
  await step(72, () =>
    publishStatusUpdate({
      ctx: ctxAs('lee'),
      id,
      updateId: customerUpdate,
      input: {
        title: 'Incorrect refund information from the support assistant',
        states: [{ component: 'support-assistant', state: 'degraded_quality' }],
      },
    }),
  );
  await step(120, () =>
    transitionIncident({
      ctx: ctxAs('dana'),
      id,
      input: { status: 'recovering', reason: 'Contacting affected customers; evaluating v7 fix offline.' },
    }),
  );
  await step(299, () =>
    setComponentState({
      ctx: ctxAs('lee'),
      id: 'support-assistant',
      input: { state: 'operational', reason: 'v6 verified on 500 refund prompts', incidentId: id },
    }),
  );
  await step(300, () =>
    transitionIncident({
      ctx: ctxAs('dana'),
      id,
      input: { status: 'resolved', reason: 'Affected customers contacted; v6 verified on 500 refund prompts.' },
    }),
  );
  // Once resolved (its resolution warned that review still held refund answers): taking review back
  // while the incident was open would have needed a second person. A resolved incident is
  // read-only, so the change names none.
  await step(301, () =>
    applied(
      changeControl({
        ctx: ctxAs('sam'),
        key: 'support-copilot.review',
        input: {
          when: [{ flag: 'pii' }],
          reason: `v6 verified on 500 refund prompts after ${id}; refund answers go out again`,
        },
      }),
    ),
  );

  await learnFromIt({ id, step, ctxAs, telemetryId, now });
  // Planned work announced on the status page: tomorrow night, an hour.
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 2, 0);
  await scheduleMaintenance({
    ctx: { ...ctxAs('tomas'), now: () => now },
    input: {
      title: 'Payment screening model upgrade',
      description: 'Card checks may take a few seconds longer while the new model warms up.',
      components: ['payment-screening'],
      startsAt: new Date(tomorrow).toISOString(),
      endsAt: new Date(tomorrow + 60 * 60_000).toISOString(),
    },
  });
  if (history) await seedHistory(db, now, (clock) => (name, role) => ({ ...ctxAs(name, role), now: clock }));
  return true;
}

/** The demo's control changes must apply at once; one that waits for approval is a bug in the story. */
async function applied(change: Promise<ChangeControlResponse>): Promise<void> {
  const result = await change;
  if (result.outcome !== 'applied')
    throw new Error(`demo seed: ${result.control.key} change is waiting for approval: ${result.approval?.why ?? ''}`);
}

const DEMO_OUTPUTS = [
  { conversation: 'c-18812', at: '09:14', answer: 'Orders over €200 can be refunded within 90 days of delivery.' },
  { conversation: 'c-18840', at: '09:21', answer: 'Yes, you still have 90 days to request a refund for this order.' },
  { conversation: 'c-18871', at: '09:33', answer: 'Our extended 90-day refund policy applies to your purchase.' },
]
  .map((line) => JSON.stringify(line))
  .join('\n');
