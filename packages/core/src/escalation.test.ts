import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EscalationPolicy, type EscalationState, escalationSchedule, nextEscalation } from './escalation';

const START = Date.UTC(2026, 10, 24, 3, 0);
const at = (minute: number) => new Date(START + minute * 60_000).toISOString();

const POLICY: EscalationPolicy = {
  id: 'copilot',
  steps: [
    { delay: '0m', targets: [{ schedule: 'copilot-primary' }] },
    { delay: '10m', targets: [{ schedule: 'copilot-secondary' }] },
    { delay: '20m', targets: [{ person: 'dana' }, { team: 'support-ai' }] },
  ],
  repeat: 1,
  repeatDelay: '15m',
};

const state = (overrides: Partial<EscalationState> = {}): EscalationState => ({
  run: 'INC-7/SEV2',
  startedAt: at(0),
  acknowledgedAt: null,
  fired: [],
  ...overrides,
});

/** `03:10 0.1 step`: when, which pass and step, and why. */
const lines = (policy: EscalationPolicy, s: EscalationState) =>
  escalationSchedule(policy, s).map((f) => `${f.at.slice(11, 16)} ${f.pass}.${f.step} ${f.reason}`);

describe('escalationSchedule', () => {
  it('fires the steps in order at their delays, then repeats after the repeat delay', () => {
    expect(lines(POLICY, state())).toEqual([
      '03:00 0.0 step',
      '03:10 0.1 step',
      '03:30 0.2 step',
      '03:45 1.0 step',
      '03:55 1.1 step',
      '04:15 1.2 step',
    ]);
  });

  it('stops at acknowledgement', () => {
    expect(lines(POLICY, state({ acknowledgedAt: at(12) }))).toEqual(['03:00 0.0 step', '03:10 0.1 step']);
  });

  it('escalates to the next step the moment the acknowledgement deadline passes, and counts on from there', () => {
    expect(lines(POLICY, state({ responseDeadline: at(5) })).slice(0, 3)).toEqual([
      '03:00 0.0 step',
      '03:05 0.1 acknowledge_deadline_missed',
      '03:25 0.2 step',
    ]);
  });

  it('escalates a missed containment target even after acknowledgement, once', () => {
    const s = state({ acknowledgedAt: at(3), containDeadline: at(60) });
    expect(lines(POLICY, s)).toEqual(['03:00 0.0 step', '04:00 0.1 contain_deadline_missed']);
    expect(lines(POLICY, { ...s, containedAt: at(50) })).toEqual(['03:00 0.0 step']);
  });

  it('reaches the last step again when a deadline is missed after every step has fired', () => {
    const once: EscalationPolicy = { ...POLICY, repeat: 0 };
    expect(lines(once, state({ containDeadline: at(240) })).slice(-2)).toEqual([
      '03:30 0.2 step',
      '07:00 0.2 contain_deadline_missed',
    ]);
  });

  it('tells leadership of a SEV1 that misses a deadline, and only then', () => {
    const leadership = [{ team: 'leadership' }];
    const sev1 = escalationSchedule(POLICY, state({ severity: 'SEV1', responseDeadline: at(15), leadership }));
    const breach = sev1.find((f) => f.reason === 'acknowledge_deadline_missed');
    expect(breach?.targets).toEqual([{ person: 'dana' }, { team: 'support-ai' }, { team: 'leadership' }]);
    expect(breach?.leadership).toBe(true);
    expect(sev1.filter((f) => f.reason === 'step').every((f) => !f.leadership)).toBe(true);
    const sev2 = escalationSchedule(POLICY, state({ severity: 'SEV2', responseDeadline: at(15), leadership }));
    expect(sev2.some((f) => f.leadership)).toBe(false);
  });

  it('escalates at the start a run that begins after its deadline has passed', () => {
    expect(lines(POLICY, state({ startedAt: at(20), responseDeadline: at(15) })).slice(0, 2)).toEqual([
      '03:20 0.0 acknowledge_deadline_missed',
      '03:30 0.1 step',
    ]);
  });

  it('fires nothing once the incident is finished', () => {
    expect(lines(POLICY, state({ finishedAt: at(20), containDeadline: at(60) }))).toEqual([
      '03:00 0.0 step',
      '03:10 0.1 step',
    ]);
  });
});

describe('nextEscalation', () => {
  it('returns what is due and not yet fired, and when to look again', () => {
    const first = nextEscalation(POLICY, state(), at(12));
    expect(first.due.map((f) => f.key)).toEqual(['INC-7%2FSEV2:copilot:0.0:step', 'INC-7%2FSEV2:copilot:0.1:step']);
    expect(first.nextCheckAt).toBe(at(30));
    const replay = nextEscalation(POLICY, state({ fired: first.due.map((f) => f.key) }), at(12));
    expect(replay.due).toEqual([]);
  });

  it('has nothing left to check once acknowledged', () => {
    expect(nextEscalation(POLICY, state({ acknowledgedAt: at(1) }), at(2)).nextCheckAt).toBeNull();
  });
});

describe('escalation properties', () => {
  const minutes = fc.integer({ min: 0, max: 90 });
  const policy = fc
    .record({
      delays: fc.array(minutes, { minLength: 1, maxLength: 5 }),
      repeat: fc.integer({ min: 0, max: 3 }),
      repeatDelay: fc.integer({ min: 1, max: 90 }),
    })
    .map(
      ({ delays, repeat, repeatDelay }): EscalationPolicy => ({
        id: 'p',
        steps: delays.map((delay, index) => ({ delay: `${delay}m`, targets: [{ person: `person-${index}` }] })),
        repeat,
        repeatDelay: `${repeatDelay}m`,
      }),
    );
  const ms = (iso: string) => Date.parse(iso);

  it('fires every step in order at its delay when nobody answers', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const schedule = escalationSchedule(p, state());
        expect(schedule).toHaveLength(p.steps.length * (p.repeat + 1));
        let expected = START;
        schedule.forEach((firing, position) => {
          const step = position % p.steps.length;
          const delay = step === 0 && position > 0 ? p.repeatDelay : p.steps[step]!.delay;
          expected += Number.parseInt(delay, 10) * 60_000;
          expect([firing.pass, firing.step]).toEqual([Math.floor(position / p.steps.length), step]);
          expect(ms(firing.at)).toBe(expected);
        });
      }),
    );
  });

  it('fires nothing at or after acknowledgement while containment is not overdue', () => {
    fc.assert(
      fc.property(policy, minutes, fc.option(minutes), (p, ack, deadline) => {
        const s = state({
          acknowledgedAt: at(ack),
          responseDeadline: deadline === null ? null : at(deadline),
          containDeadline: at(1_000),
          containedAt: at(ack + 1),
        });
        for (const firing of escalationSchedule(p, s)) expect(ms(firing.at)).toBeLessThan(ms(at(ack)));
      }),
    );
  });

  it('fires each firing exactly once however often or seldom it is checked', () => {
    fc.assert(
      fc.property(
        policy,
        fc.option(minutes),
        fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 20 }),
        (p, deadline, checks) => {
          const facts = state({ responseDeadline: deadline === null ? null : at(deadline), containDeadline: at(300) });
          const fired: string[] = [];
          for (const minute of [...checks.sort((a, b) => a - b), 10_000]) {
            const { due } = nextEscalation(p, { ...facts, fired }, at(minute));
            for (const firing of due) expect(ms(firing.at)).toBeLessThanOrEqual(ms(at(minute)));
            fired.push(...due.map((firing) => firing.key));
          }
          expect(fired).toEqual(escalationSchedule(p, facts).map((firing) => firing.key));
        },
      ),
    );
  });
});
