import type { Actor, Ctx } from '../context';
import { changeControl } from '../controls/service';
import { changeClock, createExercise, scenarioLibrary } from '../exercises/service';
import { transitionIncident } from '../flows/transition-incident';
import { declareIncident } from '../incidents/declare';
import { acknowledgeIncident } from '../incidents/lifecycle';
import { addEvidence, logDecision, postStatusUpdate } from '../incidents/records';
import { assignRole } from '../incidents/roles';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type CtxAs = (name: string, role?: Actor['role']) => Ctx;

interface PastDrill {
  daysAgo: number;
  scenario: string;
  /** The kill switch of the drill's copy of the system (`<space>.<id>`). */
  killSwitch: string;
  /** A drill the team failed: declared with the wrong severity and never contained. */
  fails?: boolean;
}

const DRILLS: PastDrill[] = [
  { daysAgo: 72, scenario: 'copilot-retrieval-pii-leak', killSwitch: 'auto-send' },
  { daysAgo: 58, scenario: 'fraud-drift-misclassification', killSwitch: 'auto-decline', fails: true },
  { daysAgo: 33, scenario: 'copilot-prompt-injection-tool-misuse', killSwitch: 'auto-send' },
  { daysAgo: 20, scenario: 'fraud-bias-after-refresh', killSwitch: 'auto-decline' },
];

/**
 * Runs the demo's past drills as tabletop exercises through the exercises service, on a clock set
 * back to when they happened: the team declares, keeps evidence, logs decisions, updates and
 * contains in the exercise space, and ending the drill scores it from that timeline.
 */
export async function runDemoDrills(now: Date, ctxAt: (at: () => Date) => CtxAs): Promise<void> {
  for (const drill of DRILLS) await runDrill(drill, now, ctxAt);
}

async function runDrill(drill: PastDrill, now: Date, ctxAt: (at: () => Date) => CtxAs): Promise<void> {
  const scenario = scenarioLibrary().find((s) => s.id === drill.scenario);
  if (!scenario) throw new Error(`demo seed: no drill scenario ${drill.scenario}`);
  const day = new Date(now.getTime() - drill.daysAgo * DAY);
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 14, 0);
  let clock = start;
  const as = ctxAt(() => new Date(clock));
  const at = (minutes: number) => {
    clock = start + minutes * MINUTE;
  };
  const exercise = await createExercise({
    ctx: as('alex', 'admin'),
    input: { scenario: scenario.id, mode: 'tabletop', speed: 1 },
  });
  at(1);
  await changeClock({ ctx: as('alex', 'admin'), id: exercise.id, input: { action: 'start' } });
  const expected = scenario.expected;
  at(5);
  const incident = await declareIncident({
    ctx: as('dana'),
    input: {
      title: `Drill: ${scenario.title}`,
      type: expected.classify.type,
      severity: drill.fails ? 'SEV3' : expected.classify.severity,
      systems: [exercise.space.system],
      nearMiss: false,
    },
  });
  const id = incident.id;
  await acknowledgeIncident({ ctx: as('dana'), id, input: {} });
  await assignRole({ ctx: as('dana'), id, input: { role: 'incident_commander', person: 'Dana Reyes' } });
  at(6);
  await transitionIncident({ ctx: as('dana'), id, input: { status: 'active' } });
  const update = (minute: number) => {
    at(minute);
    return postStatusUpdate({
      ctx: as('lee'),
      id,
      input: {
        audience: 'internal',
        whatHappened: scenario.title,
        impact: 'Drill: no customer affected.',
        currentStatus: 'Investigating',
        nextSteps: 'Contain, then verify',
      },
    });
  };
  await update(7);
  if (drill.fails) {
    at(35);
    await changeClock({ ctx: as('alex', 'admin'), id: exercise.id, input: { action: 'end' } });
    await closeDrillIncident(as('dana'), id, ['contained', 'recovering', 'resolved']);
    return;
  }
  for (let n = 0; n < expected.evidence.min; n += 1) {
    at(8 + n);
    await addEvidence({
      ctx: as('sam'),
      id,
      input: {
        kind: 'model_output',
        title: `Drill evidence ${n + 1}`,
        content: `sample ${n + 1} of the drill's outputs`,
        contentEncoding: 'utf8',
        mediaType: 'text/plain',
      },
    });
  }
  for (let n = 0; n < expected.decisions.min; n += 1) {
    at(12 + n);
    await logDecision({
      ctx: as('dana'),
      id,
      input: { observation: `Drill observation ${n + 1}`, decision: `Drill decision ${n + 1}`, evidence: [] },
    });
  }
  at(18);
  const key = `${exercise.space.system}.${drill.killSwitch}`;
  const change = await changeControl({
    ctx: as('sam'),
    key,
    input: { enabled: false, reason: 'Drill: contain', incident: id },
  });
  if (change.outcome !== 'applied') throw new Error(`demo seed: ${key} waits for approval in the drill`);
  at(19);
  await transitionIncident({ ctx: as('dana'), id, input: { status: 'contained', reason: 'Kill switch off' } });
  await update(30);
  at(35);
  await changeClock({ ctx: as('alex', 'admin'), id: exercise.id, input: { action: 'end' } });
  await closeDrillIncident(as('dana'), id, ['recovering', 'resolved']);
}

/** After the drill has ended (and been scored), its incident is resolved so no drill stays open in the war room. */
async function closeDrillIncident(ctx: Ctx, id: string, steps: Array<'contained' | 'recovering' | 'resolved'>) {
  for (const status of steps) await transitionIncident({ ctx, id, input: { status, reason: 'The drill is over' } });
}
