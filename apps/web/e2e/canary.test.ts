import type { CanaryRun } from '@firebreak/contract';
import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, clippedChartText, SCREENSHOTS, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const ROUTE = 'support-copilot.prompt';
const BASELINE = 'support-answer-v6';
const CANDIDATE = 'support-answer-v7';

/**
 * `total` generations of the support copilot, `candidateShare` of them on the candidate prompt,
 * with exactly the given share of each version's answers flagged as suspected hallucinations.
 */
function generations(total: number, candidateShare: number, rates: { baseline: number; candidate: number }) {
  const candidate = Math.round(total * candidateShare);
  const version = (prompt: string, n: number, rate: number) =>
    Array.from({ length: n }, (_, i) => ({
      system: 'support-copilot',
      ts: new Date().toISOString(),
      kind: 'generation',
      prompt,
      ...(i < Math.round(n * rate) ? { flags: { hallucination_suspected: true } } : {}),
    }));
  return [...version(BASELINE, total - candidate, rates.baseline), ...version(CANDIDATE, candidate, rates.candidate)];
}

describe('a canary judged in the war room, driven through a browser', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let page: Page;
  let incident = '';

  /** Posts telemetry the way an app would: through the real ingest route. */
  const send = async (events: unknown[]) => {
    const response = await fetch(`${room.server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(202);
  };
  /** Sends traffic until the run leaves `running` (the runner looks every half second), then returns it. */
  const runUntilDecided = async (share: (run: CanaryRun) => number, rates: { baseline: number; candidate: number }) => {
    for (let round = 0; round < 60; round += 1) {
      const run = (await api.getCanary(ROUTE)).run as CanaryRun;
      if (run.state !== 'running') return run;
      await send(generations(4000, share(run), rates));
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    throw new Error('the canary is still running after 60 rounds of traffic');
  };
  const panel = (p: Page) => p.locator(`.canary-run[data-canary="${ROUTE}"]`);
  const controlState = (p: Page) => p.locator(`tr[data-control="${ROUTE}"] .control-state`);

  beforeAll(async () => {
    room = await startWarRoom({ canaryEveryMs: 500 });
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    incident = (
      await api.declareIncident({
        title: 'Prompt v7 canary: refund answers under watch',
        type: 'hallucination_spike',
        severity: 'SEV3',
        systems: ['support-copilot'],
      })
    ).id;
    page = (await room.open()).page;
    await signIn(page, room.adminToken);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
    console.log(`web e2e screenshots: ${SCREENSHOTS}`);
  });

  it('aborts a candidate whose hallucination rate doubles before 25%, and shows the run, its chart and the way back', async () => {
    const started = await api.startCanary(ROUTE, {
      version: CANDIDATE,
      reason: 'v7 puts the policy excerpt back into the context',
      incident,
      signals: ['hallucination_suspected', 'refusal'],
      plan: [
        { percent: 5, minDuration: '20s', minCandidateEvents: 100 },
        { percent: 25, minDuration: '5s', minCandidateEvents: 100 },
        { percent: 100 },
      ],
    });
    expect(started.state).toBe('running');
    await page.goto(`/incidents/${incident}`);
    await expect.poll(() => panel(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    expect(await controlState(page).textContent()).toContain(`canary ${CANDIDATE} at 5%`);
    expect(await panel(page).locator('.canary-signals').textContent()).toBe('Judges hallucination_suspected, refusal');

    const run = await runUntilDecided(() => 0.05, { baseline: 0.05, candidate: 0.1 });
    expect(run).toMatchObject({ state: 'aborted', step: 0 });
    expect(run.endReason).toContain('hallucination_suspected');

    // The panel: aborted, the step's verdict in words, the chart of candidate against baseline.
    await expect.poll(() => panel(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('aborted');
    expect(await panel(page).locator('.canary-state').textContent()).toBe(`aborted at 5%: back to ${BASELINE}`);
    const steps = panel(page).locator('.canary-steps tbody tr');
    expect(await steps.nth(0).textContent()).toMatch(
      /^5%ended hereaborted: hallucination_suspected worse on the candidate; back to support-answer-v6$/,
    );
    expect(await steps.nth(1).textContent()).toBe('25%not reached');
    const chart = panel(page).getByTestId('canary-chart');
    await chart.waitFor();
    expect(await chart.locator('figcaption').textContent()).toBe(
      `hallucination_suspected: ${CANDIDATE} (candidate) against ${BASELINE} (baseline), per step`,
    );
    const descriptions = await chart.locator('svg desc').allTextContents();
    expect(descriptions[0]).toMatch(/^at 5%: candidate 10\.\d\d%, baseline 5\.\d\d%\. The candidate is worse/);
    expect(descriptions[1]).toMatch(
      /^Log-likelihood ratio after each step: 5% \d+\.\d\d; aborts at \d+\.\d\d, passes at -/,
    );
    expect(await chart.locator('.canary-bounds').textContent()).toMatch(
      /^Evidence of harm \(log-likelihood ratio\) [\d.]+: crossed the abort bound [\d.]+\.$/,
    );
    expect(await chart.locator('rect.chart-bar-current').count()).toBe(1);
    expect(await chart.locator('rect.chart-bar-reference').count()).toBe(1);
    // The route serves the known-good version alone.
    await expect.poll(() => controlState(page).textContent(), { timeout: 10_000 }).toBe(BASELINE);

    // The timeline: the abort with its evidence chart, one click away.
    const entry = page.locator('.timeline-entry[data-kind="canary_aborted"]');
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.locator('.timeline-title').textContent()).toBe(
      `Canary ${run.id} of ${CANDIDATE} on ${ROUTE} aborted at 5%: back to ${BASELINE}`,
    );
    await entry.getByText('Chart: candidate against baseline').click();
    const entryChart = entry.getByTestId('canary-chart');
    await entryChart.waitFor();
    expect(await entryChart.locator('rect.chart-bar-current').count()).toBe(1);
    await entryChart.getByText('Data: 1 step').click();
    expect(await entryChart.locator('tbody tr').first().textContent()).toMatch(/^5%5\.\d\d% \(\d+\/\d+\)10\.\d\d% \(/);

    expect(await clippedChartText(page)).toEqual([]);
    expect(await a11y(page)).toEqual([]);
    await panel(page).scrollIntoViewIfNeeded();
    await shoot(page, 'canary-aborted');
    await panel(page).screenshot({ path: `${SCREENSHOTS}/canary-panel-aborted.png` });
  });

  it('reads on a phone: the run, its chart and the timeline entry fit the width', async () => {
    const phone = (await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).page;
    await signIn(phone, room.adminToken);
    await phone.goto(`/incidents/${incident}`);
    await panel(phone).getByTestId('canary-chart').waitFor({ timeout: 10_000 });
    const entry = phone.locator('.timeline-entry[data-kind="canary_aborted"]');
    await entry.getByText('Chart: candidate against baseline').click();
    await entry.getByTestId('canary-chart').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await clippedChartText(phone)).toEqual([]);
    expect(await a11y(phone)).toEqual([]);
    await panel(phone).screenshot({ path: `${SCREENSHOTS}/canary-panel-phone.png` });
    await entry.screenshot({ path: `${SCREENSHOTS}/canary-timeline-phone.png` });
  });

  it('steps a healthy candidate through 5%, 25% and 100% to completion', async () => {
    const started = await api.startCanary(ROUTE, {
      version: CANDIDATE,
      reason: 'v7 again, with the excerpt fixed for real',
      incident,
      signals: ['hallucination_suspected'],
      plan: [
        { percent: 5, minCandidateEvents: 100, gate: 'no_abort' },
        { percent: 25, minCandidateEvents: 100, gate: 'no_abort' },
        { percent: 100 },
      ],
    });
    expect(started.state).toBe('running');
    // The traffic follows the route: each round's candidate share is the step's.
    const run = await runUntilDecided((now) => (now.plan[now.step]?.percent ?? 5) / 100, {
      baseline: 0.05,
      candidate: 0.05,
    });
    expect(run.state).toBe('completed');
    await page.goto(`/incidents/${incident}`);
    await expect.poll(() => panel(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');
    const steps = panel(page).locator('.canary-steps tbody tr');
    expect(await steps.nth(0).textContent()).toBe('5%donepassed: stepped up to 25%');
    expect(await steps.nth(1).textContent()).toBe(`25%donepassed: ${CANDIDATE} is now active`);
    expect(await steps.nth(2).textContent()).toBe('100%candidate active');
    await expect.poll(() => controlState(page).textContent(), { timeout: 10_000 }).toBe(CANDIDATE);
    await page.locator('.timeline-entry[data-kind="canary_completed"]').waitFor({ timeout: 10_000 });
    expect(await a11y(page)).toEqual([]);
    await panel(page).scrollIntoViewIfNeeded();
    await shoot(page, 'canary-completed');
    await panel(page).screenshot({ path: `${SCREENSHOTS}/canary-panel-completed.png` });

    // The system page shows the same run below the system's controls.
    await page.goto('/systems/support-copilot');
    await expect.poll(() => panel(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');
    await panel(page).getByTestId('canary-chart').waitFor();
    expect(await a11y(page)).toEqual([]);
    await shoot(page, 'canary-system-page');
  });
  it('holds for a person when PII in one language cannot be judged yet, and takes the acceptance and a cancel from the panel', async () => {
    // Whichever of v6 and v7 is not active is the candidate (the test before may have made v7 active).
    const control = await api.getControl(ROUTE);
    const active = control.state.kind === 'route' ? control.state.active : BASELINE;
    const [candidate, baseline] = active === BASELINE ? [CANDIDATE, BASELINE] : [BASELINE, CANDIDATE];
    const started = await api.startCanary(ROUTE, {
      version: candidate,
      reason: 'v6 back, judged per language',
      incident,
      signals: ['pii'],
      segmentBy: 'language',
      plan: [{ percent: 10, gateSegments: true }, { percent: 100 }],
    });
    expect(started.state).toBe('running');
    const pii = (language: string, n: number, prompt: string) =>
      Array.from({ length: n }, (_, i) => ({
        system: 'support-copilot',
        ts: new Date().toISOString(),
        kind: 'generation',
        prompt,
        segment: { language },
        ...(i % 100 === 0 ? { flags: { pii: true } } : {}),
      }));
    await send([
      ...pii('en', 1800, baseline),
      ...pii('fr', 180, baseline),
      ...pii('en', 200, candidate),
      ...pii('fr', 20, candidate),
    ]);
    await page.goto(`/incidents/${incident}`);
    const accept = panel(page).getByRole('button', { name: 'Accept residual risk…' });
    await accept.waitFor({ timeout: 15_000 });
    expect(await panel(page).locator('.canary-steps tbody tr').first().textContent()).toContain(
      'zero-tolerance segment series hold this step until they pass or a person accepts the residual risk',
    );

    await accept.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('pii{language=en}, pii{language=fr} hold this step');
    expect(await a11y(page)).toEqual([]);
    await dialog.getByLabel('Reason').fill('fr and en reviewed offline: no PII in 500 samples');
    await dialog.getByRole('button', { name: 'Accept the risk' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => panel(page).locator('.canary-steps tbody tr').first().textContent(), { timeout: 10_000 })
      .toMatch(/residual risk of pii\{language=en\}, pii\{language=fr\} accepted by \S+: fr and en reviewed offline/);
    const audit = (await api.getCanary(ROUTE)).run as CanaryRun;
    expect(audit.steps[0]?.risksAccepted?.[0]?.series).toEqual(['pii{language=en}', 'pii{language=fr}']);

    // Still running: this step's gate has no time limit, so the accepted series, judged like any
    // other now, still hold it until they pass. Cancel it from the panel.
    expect(audit.state).toBe('running');
    await panel(page).getByRole('button', { name: 'Cancel canary…' }).click();
    await dialog.getByLabel('Reason').fill('enough for today');
    await dialog.getByRole('button', { name: 'Cancel the canary' }).click();
    await expect.poll(() => panel(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('cancelled');
    expect(await panel(page).getByRole('button').count()).toBe(0);
    await page.locator('.timeline-entry[data-kind="canary_risk_accepted"]').waitFor({ timeout: 10_000 });
    await shoot(page, 'canary-risk-accepted');
  });
});
