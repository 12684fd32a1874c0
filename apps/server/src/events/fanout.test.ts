import type { LiveEvent } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { EventBus } from './bus';
import { type Fanout, type FanoutReceiver, fanoutMessage, fanoutSettings, parseFanoutMessage } from './fanout';

const alert = (alertId: string): LiveEvent => ({
  type: 'alert',
  alertId,
  system: 'copilot',
  change: 'opened',
  incidentId: null,
});

/** A fanout a test drives by hand: what the bus sent, and the receiver to deliver to. */
class HandFanout implements Fanout {
  readonly kind = 'nats' as const;
  sent: LiveEvent[] = [];
  receiver: FanoutReceiver | undefined;
  async start(receiver: FanoutReceiver) {
    this.receiver = receiver;
  }
  send(event: LiveEvent) {
    this.sent.push(event);
  }
  async close() {}
}

describe('fanout settings', () => {
  it('defaults to local on PGlite, LISTEN/NOTIFY on PostgreSQL, NATS when a NATS URL is given', () => {
    expect(fanoutSettings('pglite', {})).toEqual({ kind: 'local' });
    expect(fanoutSettings('postgres', {})).toEqual({ kind: 'postgres' });
    expect(fanoutSettings('postgres', { FIREBREAK_NATS_URL: 'nats://n:4222' })).toEqual({
      kind: 'nats',
      natsUrl: 'nats://n:4222',
    });
    expect(fanoutSettings('postgres', { FIREBREAK_FANOUT: 'local', FIREBREAK_NATS_URL: 'nats://n:4222' })).toEqual({
      kind: 'local',
    });
    expect(fanoutSettings('postgres', { FIREBREAK_FANOUT: 'nats' })).toEqual({
      kind: 'nats',
      natsUrl: 'nats://127.0.0.1:4222',
    });
  });

  it('refuses an unknown fanout, and any but local on PGlite, naming the variable', () => {
    expect(() => fanoutSettings('postgres', { FIREBREAK_FANOUT: 'redis' })).toThrow(
      /^FIREBREAK_FANOUT is "redis": expected one of local, postgres, nats/,
    );
    expect(() => fanoutSettings('pglite', { FIREBREAK_FANOUT: 'postgres' })).toThrow(/^FIREBREAK_FANOUT is "postgres"/);
  });
});

describe('fanout messages', () => {
  it('carries an event, or only its type when it is too big, and ignores what is not a message', () => {
    const small = parseFanoutMessage(fanoutMessage('r1', alert('ALR-1'), 7900));
    expect(small).toEqual({ origin: 'r1', event: alert('ALR-1') });
    const big = parseFanoutMessage(fanoutMessage('r1', alert('x'.repeat(9000)), 7900));
    expect(big).toEqual({ origin: 'r1', dropped: 'alert' });
    expect(parseFanoutMessage('not json')).toBeUndefined();
    expect(parseFanoutMessage('{"event":{"type":"alert"}}')).toBeUndefined();
  });
});

describe('the event bus over a fanout', () => {
  it('sends what is published here, and delivers what another replica sent but not its own echo', async () => {
    const fanout = new HandFanout();
    const bus = new EventBus({ fanout, checkEveryMs: 0 });
    await bus.start();
    const heard: string[] = [];
    bus.subscribe(({ event }) => heard.push(event.type === 'alert' ? event.alertId : event.type));
    bus.publish(alert('ALR-1'));
    expect(fanout.sent).toEqual([alert('ALR-1')]);
    fanout.receiver!.event(alert('ALR-2'));
    expect(heard).toEqual(['ALR-1', 'ALR-2']);
    expect(fanout.sent).toHaveLength(1);
    expect(fanout.receiver!.origin).toBe(bus.epoch);
  });

  it('after a loss, tells its listeners and replays nothing from before it', async () => {
    const fanout = new HandFanout();
    const bus = new EventBus({ fanout, checkEveryMs: 0 });
    await bus.start();
    const lost: string[] = [];
    bus.onLost((reason) => lost.push(reason));
    bus.publish(alert('ALR-1'));
    bus.publish(alert('ALR-2'));
    expect(bus.since(1)?.map((s) => s.id)).toEqual([2]);
    fanout.receiver!.lost('NATS came back');
    expect(lost).toEqual(['NATS came back']);
    expect(bus.since(1)).toBeUndefined();
    expect(bus.since(2)).toBeUndefined();
    bus.publish(alert('ALR-3'));
    expect(bus.since(3)).toEqual([]);
  });

  it('asks its re-readers to look at the store every few seconds when replicas share events', async () => {
    const bus = new EventBus({ fanout: new HandFanout(), checkEveryMs: 20 });
    let checks = 0;
    bus.onCheck(() => checks++);
    await bus.start();
    await new Promise((resolve) => setTimeout(resolve, 90));
    await bus.close();
    expect(checks).toBeGreaterThanOrEqual(2);
    const local = new EventBus({ checkEveryMs: 20 });
    let localChecks = 0;
    local.onCheck(() => localChecks++);
    await local.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(localChecks).toBe(0);
  });
});
