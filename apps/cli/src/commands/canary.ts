import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import { readText } from '../read-text';
import * as parse from '../validate';
import { describeCanaryRun } from './canary-report';

/**
 * `firebreak canary`: start, follow and cancel a canary of a route's candidate version, judged
 * step by step on harm flags (docs/adr/0028-canary-runs.md).
 */
export function registerCanary(program: Command, io: CliIo): void {
  const canary = program
    .command('canary')
    .description("Judge a route's candidate version on live traffic, step by step; abort it on harm")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --reason "retry v7 on live traffic"\n  $ firebreak canary status support-copilot.prompt\n  $ firebreak canary accept-risk support-copilot.prompt --reason "tenant reviewed v7 offline; no PII in 2,000 samples"\n  $ firebreak canary cancel support-copilot.prompt --reason "release pulled"',
    );

  canary
    .command('start')
    .description(
      'Start a canary: the candidate gets the plan’s first share (1, 5, 25, 100% by default; with --segment-by, 1, 5, 10, 25, 100% and every segment must pass at 10%, for up to 12 hours)',
    )
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .requiredOption('--version <version>', 'the candidate: one of the route’s versions')
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option(
      '--incident <id>',
      'the incident this serves; each step lands on its timeline (during a SEV1/SEV2, naming it lets a canary starting at 5% or less start without a second person)',
      parse.incidentId,
    )
    .option('--signals <flags>', 'harm flags to judge, comma-separated (default: every standard flag and error)')
    .option(
      '--segment-by <key>',
      'also judge each value of this segment key, e.g. language; every value must pass before the candidate reaches 25%',
    )
    .option(
      '--plan <steps>',
      'the steps, comma-separated: a percent each, then optionally :<duration> (the least it lasts), :smoke (only minimums, no pass needed) or :segments[=<duration>] (every segment must pass, for at most that long); the last is 100',
      planOption,
    )
    .option(
      '--harm-ratio <signal=ratio,…>',
      'abort when a signal’s rate on the candidate reaches this many times the baseline’s (default 2), e.g. hallucination_suspected=1.5',
      harmRatioOption,
    )
    .option(
      '--zero-tolerance <flags>',
      'flags that should never occur, comma-separated (besides pii, secret and the flags the system’s monitors treat so): candidate-only flags abort sooner, and their segments hold the segment gate until they pass',
    )
    .option(
      '--plan-file <path>',
      'the steps as a YAML or JSON list in the API’s form (percent, minDuration, minCandidateEvents, gate, gateSegments, segmentGateMax)',
    )
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --reason "retry v7 on live traffic"\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --segment-by language --reason "retry v7, judged per language"\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --plan 1:smoke:30m,5:1h,25:2h,100 --reason "slower steps over the weekend"\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --segment-by tenant --plan 2,10:segments=24h,50,100 --reason "per tenant, a day at 10%"',
    )
    .action(
      async (
        key: string,
        options: {
          version: string;
          reason?: string;
          incident?: string;
          signals?: string;
          segmentBy?: string;
          plan?: CanaryPlanStep[];
          planFile?: string;
          harmRatio?: Record<string, number>;
          zeroTolerance?: string;
        },
        cmd: Command,
      ) => {
        if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
        if (options.plan && options.planFile) throw new UsageError('give --plan or --plan-file, not both');
        const plan = options.planFile ? await planFromFile(options.planFile) : options.plan;
        const signals = options.signals
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const signalSettings = settingsFrom(options.harmRatio, options.zeroTolerance);
        const run = await clientFor(cmd, io).startCanary(key, {
          version: options.version,
          reason: options.reason,
          ...(options.incident ? { incident: options.incident } : {}),
          ...(signals && signals.length > 0 ? { signals } : {}),
          ...(options.segmentBy ? { segmentBy: options.segmentBy } : {}),
          ...(plan ? { plan } : {}),
          ...(signalSettings ? { signalSettings } : {}),
        });
        emit(io, cmd, run, describeCanaryRun);
      },
    );

  canary
    .command('status')
    .description('The canary in progress (or the last one): each step’s share, counts, verdicts and decision')
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary status support-copilot.model\n  $ firebreak canary status support-copilot.model --json',
    )
    .action(async (key: string, _options: unknown, cmd: Command) => {
      const status = await clientFor(cmd, io).getCanary(key);
      emit(io, cmd, status, (value) =>
        value.run ? describeCanaryRun(value.run) : [`${key} has had no canary; start one with firebreak canary start`],
      );
    });

  canary
    .command('accept-risk')
    .description(
      'Accept the residual risk of the zero-tolerance segment series (e.g. pii in one tenant) holding the canary’s step undecided: they are then judged like any other segment series, so the gate’s limit applies, and can still abort; recorded with your name',
    )
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option(
      '--reason <text>',
      'why the remaining risk is acceptable (goes on the record, the audit log and the timeline)',
    )
    .option(
      '--series <names>',
      'only these series, comma-separated, as canary status names them (e.g. "pii{tenant=initech}"); default: every one holding the step now',
    )
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary accept-risk rag-assistant.model --reason "tenant initech reviewed the candidate offline"',
    )
    .action(async (key: string, options: { reason?: string; series?: string }, cmd: Command) => {
      if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
      const series = options.series === undefined ? undefined : seriesList(options.series);
      const run = await clientFor(cmd, io).acceptCanaryRisk(key, options.reason, series);
      emit(io, cmd, run, describeCanaryRun);
    });

  canary
    .command('cancel')
    .description('Cancel the running canary: the route goes back to its active version alone')
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option('--json', "print the server's JSON response")
    .addHelpText('after', '\nExamples:\n  $ firebreak canary cancel support-copilot.model --reason "release pulled"')
    .action(async (key: string, options: { reason?: string }, cmd: Command) => {
      if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
      const run = await clientFor(cmd, io).cancelCanary(key, options.reason);
      emit(io, cmd, run, describeCanaryRun);
    });
}

/**
 * `--series "pii{tenant=a},pii{tenant=b}"`: series names, which hold commas only inside braces
 * (`pii{tenant=a,region=eu}`), so the list splits outside them.
 *
 * @example
 * seriesList('pii{tenant=a,region=eu}, secret{tenant=b}'); // ['pii{tenant=a,region=eu}', 'secret{tenant=b}']
 */
export function seriesList(value: string): string[] {
  return (value.match(/[^,{]+(?:\{[^}]*\})?/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/**
 * `--harm-ratio hallucination_suspected=1.5,refusal=3`: r1 by signal; the server checks the
 * ranges and that each signal is judged, naming the field.
 */
export function harmRatioOption(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim())) {
    const [signal = '', ratio = ''] = part.split('=').map((p) => p.trim());
    if (signal === '' || !/^\d+(\.\d+)?$/.test(ratio))
      throw new InvalidArgumentError(
        `"${part}": expected <signal>=<ratio>, such as hallucination_suspected=1.5 (comma-separated for several)`,
      );
    out[signal] = Number(ratio);
  }
  return out;
}

function settingsFrom(
  harmRatio: Record<string, number> | undefined,
  zeroTolerance: string | undefined,
): Record<string, { r1?: number; zeroTolerance?: boolean }> | undefined {
  const settings: Record<string, { r1?: number; zeroTolerance?: boolean }> = {};
  for (const [signal, r1] of Object.entries(harmRatio ?? {})) settings[signal] = { r1 };
  for (const flag of (zeroTolerance ?? '').split(',').map((f) => f.trim())) {
    if (flag !== '') settings[flag] = { ...settings[flag], zeroTolerance: true };
  }
  return Object.keys(settings).length > 0 ? settings : undefined;
}

/** A step of a canary plan as the API takes it; the server checks the whole plan and names the field. */
export interface CanaryPlanStep {
  percent: number;
  minDuration?: string;
  gate?: 'pass' | 'no_abort';
  gateSegments?: boolean;
  segmentGateMax?: string;
}

const PLAN_HINT = 'expected steps such as 1,5,25,100 or 1:smoke:30m,5:1h,10:segments=12h,25,100';

/**
 * `--plan`: each comma-separated step is a percent, then any of `:<duration>` (the least the step
 * lasts), `:smoke` (a `no_abort` step) and `:segments` or `:segments=<duration>`.
 *
 * @example
 * planOption('1:smoke:30m,5,25,100'); // [{ percent: 1, gate: 'no_abort', minDuration: '30m' }, { percent: 5 }, …]
 */
export function planOption(value: string): CanaryPlanStep[] {
  const steps = value.split(',').map((step) => step.trim());
  if (steps.length === 0 || steps.some((step) => step === '')) throw new InvalidArgumentError(PLAN_HINT);
  return steps.map((text, i) => {
    const [head = '', ...modifiers] = text.split(':').map((part) => part.trim());
    const percent = Number(head);
    // Plain decimals only: Number() would also read 0x10 and 1e1.
    if (!/^\d+(\.\d+)?$/.test(head) || !Number.isFinite(percent))
      throw new InvalidArgumentError(`step ${i + 1} ("${text}"): "${head}" is not a percent; ${PLAN_HINT}`);
    const step: CanaryPlanStep = { percent };
    for (const modifier of modifiers) {
      if (modifier === 'smoke') step.gate = 'no_abort';
      else if (modifier === 'segments' || modifier.startsWith('segments=')) {
        step.gateSegments = true;
        if (modifier !== 'segments') step.segmentGateMax = stepDuration(modifier.slice('segments='.length), text, i);
      } else step.minDuration = stepDuration(modifier, text, i);
    }
    return step;
  });
}

function stepDuration(value: string, text: string, i: number): string {
  try {
    return parse.duration(value);
  } catch {
    throw new InvalidArgumentError(
      `step ${i + 1} ("${text}"): "${value}" is neither a duration such as 30m nor smoke or segments; ${PLAN_HINT}`,
    );
  }
}

/** `--plan-file`: a YAML or JSON list of steps (or `plan:` holding one), sent as written for the server to check. */
async function planFromFile(path: string): Promise<CanaryPlanStep[]> {
  const text = await readText(path);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UsageError(`--plan-file ${path}: not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const plan = data && typeof data === 'object' && !Array.isArray(data) ? (data as { plan?: unknown }).plan : data;
  if (!Array.isArray(plan) || plan.length === 0)
    throw new UsageError(`--plan-file ${path}: expected a list of steps (or plan: with one), such as - percent: 1`);
  return plan as CanaryPlanStep[];
}
