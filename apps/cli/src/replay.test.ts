import { FirebreakConfig } from '@firebreak/contract';
import { mulberry32 } from '@firebreak/detection';
import { describe, expect, it } from 'vitest';
import { replay } from './replay';

const WINDOW = 5 * 60_000;
const START = Date.UTC(2026, 10, 24);

/** Two days of answers, 12 a window, each flagged toxic with the same 5% chance: nothing is wrong. */
function* steadyStream(): Generator<string> {
  const random = mulberry32(7);
  for (let window = 0; window < 576; window++) {
    for (let i = 0; i < 12; i++) {
      const ts = new Date(START + window * WINDOW + i * 25_000).toISOString();
      yield JSON.stringify({ system: 'copilot', ts, flags: { toxicity: random() < 0.05 } });
    }
  }
}

async function* lines(): AsyncGenerator<string> {
  yield* steadyStream();
}

const config = (alertBudget?: { page?: string; warn?: string }) =>
  FirebreakConfig.parse({
    version: 1,
    systems: [
      {
        id: 'copilot',
        name: 'Copilot',
        owner: 'ai',
        model: { name: 'm', version: '1' },
        riskTier: 'limited',
        monitors: [{ id: 'toxicity', signal: 'flag:toxicity', detector: 'rate', baselineWindows: 12 }],
        ...(alertBudget ? { alertBudget } : {}),
      },
    ],
  });

async function falseAlarms(alertBudget?: { page?: string; warn?: string }): Promise<number> {
  let alerts = 0;
  await replay(config(alertBudget), lines(), { alert: () => alerts++, reject: () => {} });
  return alerts;
}

describe('firebreak detect and the system budget', () => {
  it('holds a steady stream to the card’s alertBudget: a looser budget lets more false alarms through', async () => {
    const loose = await falseAlarms({ page: '1h', warn: '1h' });
    const strict = await falseAlarms();
    expect(loose).toBeGreaterThan(strict);
    expect(loose).toBeGreaterThan(5);
  });
});
