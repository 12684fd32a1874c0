import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, clippedChartText, SCREENSHOTS, shoot, signIn, startWarRoom, type WarRoom } from './harness';
import { fraudStream } from './telemetry';

const WINDOW = 5 * 60_000;

const claims = {
  id: 'claims-assistant',
  name: 'Claims assistant',
  owner: 'claims-ai',
  model: { name: 'gpt-4.1', version: '2025-04-14' },
  riskTier: 'high' as const,
  monitors: [
    {
      id: 'pii-in-answers',
      signal: 'flag:pii',
      detector: 'zero_tolerance' as const,
      owner: 'privacy-oncall',
      runbook: 'https://runbooks.example.com/pii',
    },
    { id: 'secrets-in-answers', signal: 'flag:secret', detector: 'zero_tolerance' as const, owner: 'security-oncall' },
  ],
};

/**
 * The fraud model states its drift and fairness monitors: default monitors learn what is normal
 * for each hour over two days first (ADR 21), longer than this test's three hours of telemetry.
 */
const fraud = {
  id: 'fraud-model',
  name: 'Fraud model',
  owner: 'risk-ml',
  model: { name: 'fraud-gbm', version: '7' },
  riskTier: 'high' as const,
  monitors: [
    { id: 'confidence-drift', signal: 'confidence', detector: 'drift' as const },
    {
      id: 'approval-parity',
      signal: 'selection:group',
      detector: 'fairness' as const,
      params: { positive: 'approve' },
    },
  ],
};

/** Twenty minutes of answers, two hours ago, one leaking PII and one a secret; their windows close by the clock, too recent to re-arm. */
function answers(base: number) {
  return Array.from({ length: 20 }, (_, minute) => ({
    system: 'claims-assistant',
    ts: new Date(base + minute * 60_000).toISOString(),
    id: `ans-${minute}`,
    flags: { pii: minute === 12, secret: minute === 17 },
  }));
}

describe('alerts in the war room, from telemetry to incident', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let page: Page;
  let base = 0;

  /** Posts telemetry the way an app would: through the real ingest route. */
  const send = async (events: unknown[]) => {
    const response = await fetch(`${room.server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(202);
  };
  const row = (monitor: string) => page.getByRole('row').filter({ hasText: monitor });

  beforeAll(async () => {
    room = await startWarRoom();
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    base = Math.floor((Date.now() - 2 * 3600_000) / WINDOW) * WINDOW;
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

  it('teaches how to send telemetry while nothing fires', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Alerts/ })
      .click();
    await page.getByRole('heading', { name: 'No alerts firing' }).waitFor();
    expect(await page.locator('.empty-state pre').first().textContent()).toContain(
      `${room.server.url}/api/v1/telemetry`,
    );
    await page.locator('[data-live-state="open"]').waitFor();
    await shoot(page, 'alerts-empty');
    expect(await a11y(page)).toEqual([]);
  });

  it('lists alerts as telemetry raises them, live, with owner, runbook, opened and onset', async () => {
    await api.applySystems([claims, fraud]);
    await send(answers(base));
    await row('pii-in-answers').waitFor({ timeout: 20_000 });
    await row('secrets-in-answers').waitFor({ timeout: 20_000 });
    const pii = await row('pii-in-answers').textContent();
    expect(pii).toMatch(/page.*flag:pii.*claims-assistant.*privacy-oncall.*runbook/);
    // A moment reads `10:15 UTC · 11:15 local`; either part gains a date when it is not today (UTC),
    // so a run near midnight sees `Dec 4 23:20 UTC · Dec 5 00:20 local`.
    const at = String.raw`(?:[A-Z][a-z]{2} \d{1,2} )?\d\d:\d\d`;
    expect(pii).toMatch(new RegExp(`${at} UTC · ${at} local.*onset ${at} UTC · ${at} local`));
    expect(pii).toContain('not acknowledged');
    expect(
      await row('pii-in-answers')
        .getByRole('link', { name: /runbook/ })
        .getAttribute('href'),
    ).toBe('https://runbooks.example.com/pii');
    await expect
      .poll(() =>
        page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: /^Alerts/ })
          .textContent(),
      )
      .toMatch(/2 firing, 2 not acknowledged/);
    await shoot(page, 'alerts-page');
    expect(await a11y(page)).toEqual([]);
  });

  it('opens an alert’s control chart with its lines and the estimated onset, and acknowledges it with a', async () => {
    await row('pii-in-answers')
      .getByRole('link', { name: /^ALR-\d+ pii-in-answers$/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /pii-in-answers on claims-assistant/ }).waitFor();
    const chart = page.getByRole('img', { name: /pii-in-answers: hits per window/ });
    await chart.waitFor();
    expect(await chart.locator('desc').textContent()).toMatch(
      /hits per window over \d+ windows; the deciding window reads 1 \(page\)/,
    );
    expect(await chart.locator('.chart-onset-label').textContent()).toMatch(/estimated onset \d\d:\d\d UTC/);
    expect(await chart.locator('.chart-rule-label').allTextContents()).toEqual(['any hit pages 1']);
    // The window after the leak closed quiet: shaded as after the alert, and said so.
    await page.locator('.chart-since').waitFor();
    expect(await page.locator('.chart-since').textContent()).toBe('Back within limits for the last window.');
    expect(await chart.locator('.chart-after rect').count()).toBe(1);
    expect(await chart.locator('desc').textContent()).toContain('Since the alert: 1 window.');
    expect(await page.locator('.alert-evidence').textContent()).toContain('ans-12');
    await shoot(page, 'alert-chart');
    expect(await clippedChartText(page)).toEqual([]);
    expect(await a11y(page)).toEqual([]);

    await page.locator('body').press('a');
    await page.getByText('acknowledged by admin', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
  });

  it('opens an incident from the alert with the taxonomy pickers, and the incident lists the alert with its chart', async () => {
    const alertId = (await page.locator('.breadcrumb [aria-current="page"]').textContent())!;
    await page.getByRole('button', { name: 'Open incident' }).click();
    const dialog = page.getByRole('dialog', { name: `Open an incident from ${alertId}` });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: /^privacy leak/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /^SEV1/ }).isChecked()).toBe(true);
    await dialog.getByLabel(/Title/).fill('Claims assistant answers carry policyholder PII');
    await shoot(page, 'alert-open-incident', { dialog: true });
    expect(await a11y(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Open SEV1 incident' }).click();

    await page.waitForURL(/\/incidents\/INC-\d+$/);
    await page.getByRole('heading', { level: 1, name: /Claims assistant answers carry policyholder PII/ }).waitFor();
    const alerts = page.getByRole('region', { name: /^Alerts \(1\)/ });
    await alerts.getByText(alertId).first().waitFor();
    await alerts.getByRole('img', { name: /hits per window/ }).waitFor();
    await page.locator('.timeline-entry', { hasText: `Alert ${alertId} linked` }).waitFor();
    await shoot(page, 'incident-alerts');
    expect(await a11y(page)).toEqual([]);
  });

  it('dismisses another alert as a false positive, with a reason', async () => {
    await page.goto('/alerts');
    await row('secrets-in-answers').waitFor();
    await row('secrets-in-answers')
      .getByRole('button', { name: /^Dismiss/ })
      .click();
    const dialog = page.getByRole('dialog', { name: /as a false positive/ });
    await dialog.getByLabel('Reason').fill('Test fixture key from the staging suite, not a real secret');
    expect(await a11y(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Dismiss as false positive' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row('secrets-in-answers').count()).toBe(0);
    await page.getByRole('radio', { name: 'dismissed' }).click();
    await page.waitForURL(/status=dismissed/);
    await row('secrets-in-answers').waitFor();
    expect(await row('secrets-in-answers').textContent()).toContain('dismissed');
  });

  it('lists the dismissed alert’s monitor on the alert hygiene page, readable at phone width', async () => {
    await page.goto('/alerts');
    await page.getByRole('link', { name: 'Alert hygiene' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alert hygiene' }).waitFor();
    const secrets = row('secrets-in-answers');
    await secrets.waitFor();
    expect(await secrets.textContent()).toMatch(/100%.*1 of 1 dismissed.*not tuned.*none/);
    expect(await a11y(page)).toEqual([]);
    const viewport = page.viewportSize() ?? { width: 1280, height: 860 };
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, 'alert-hygiene-phone');
    expect(await a11y(page)).toEqual([]);
    await page.setViewportSize(viewport);
  });

  it('draws drift as reference against current, and fairness as per-group selection rates with the four-fifths line', async () => {
    await send(fraudStream(base - 2 * 3600_000, 40, 160, 24));
    await page.goto('/alerts?system=fraud-model');
    await row('confidence-drift').waitFor({ timeout: 30_000 });
    await row('approval-parity').waitFor({ timeout: 30_000 });

    await row('confidence-drift')
      .getByRole('link', { name: /^ALR-\d+ confidence-drift$/ })
      .click();
    const histogram = page.getByRole('img', { name: /confidence: reference period against the deciding window/ });
    await histogram.waitFor();
    expect(await histogram.locator('desc').textContent()).toMatch(
      /bins, \d+ reference values against \d+ in the deciding window/,
    );
    await page.getByRole('img', { name: /PSI against the reference period/ }).waitFor();
    await shoot(page, 'alert-drift');
    expect(await clippedChartText(page)).toEqual([]);
    expect(await a11y(page)).toEqual([]);

    await page.goto('/alerts?system=fraud-model');
    await row('approval-parity')
      .getByRole('link', { name: /^ALR-\d+ approval-parity$/ })
      .click();
    const bars = page.getByRole('img', { name: /selection rate per group/ });
    await bars.waitFor();
    expect(await bars.locator('desc').textContent()).toMatch(/below it: B/);
    expect(await bars.locator('.chart-rule-label').textContent()).toMatch(/four-fifths line \d+%/);
    await shoot(page, 'alert-fairness');
    expect(await clippedChartText(page)).toEqual([]);
    expect(await a11y(page)).toEqual([]);
  });

  it('shows each system’s monitors with their alert history, and firing alerts in the catalog', async () => {
    await page.goto('/systems');
    const claimsRow = page.getByRole('row').filter({ hasText: 'Claims assistant' });
    await expect.poll(() => claimsRow.textContent()).toMatch(/page\s*1 firing/);
    await claimsRow.getByRole('link', { name: 'Claims assistant' }).click();
    const monitors = page.getByRole('region', { name: 'Monitors' });
    await monitors
      .getByRole('row')
      .filter({ hasText: 'pii-in-answers' })
      .getByText(/ALR-\d+/)
      .waitFor();
    expect(await monitors.getByRole('row').filter({ hasText: 'secrets-in-answers' }).textContent()).toMatch(
      /ALR-\d+.*dismissed/,
    );
    const standing = page.getByRole('region', { name: 'Monitor status' });
    await standing.getByRole('row').filter({ hasText: 'secrets-in-answers' }).waitFor();
    expect(await standing.getByRole('row').filter({ hasText: 'secrets-in-answers' }).textContent()).toMatch(
      /(learning|watching|firing).*1 of 1/,
    );
    await shoot(page, 'system-monitors');
    expect(await a11y(page)).toEqual([]);
  });

  it('reads alerts on a phone as cards, with Acknowledge the only action', async () => {
    const { page: phone } = await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, room.adminToken);
    await phone.goto('/alerts?system=fraud-model');
    const card = phone.getByRole('listitem').filter({ hasText: 'confidence-drift' });
    await card.waitFor();
    for (const name of [/^Dismiss/, /^Suppress/, /^Open incident/]) {
      expect(
        await phone
          .getByRole('button', { name })
          .first()
          .isVisible()
          .catch(() => false),
      ).toBe(false);
    }
    await shoot(phone, 'alerts-phone');
    expect(await a11y(phone)).toEqual([]);

    // Each chart fits a phone: no label runs off its edge.
    for (const [monitor, shot] of [
      ['confidence-drift', 'alert-drift-phone'],
      ['approval-parity', 'alert-fairness-phone'],
    ] as const) {
      await phone.goto('/alerts?system=fraud-model');
      await phone.getByRole('link', { name: new RegExp(`^ALR-\\d+ ${monitor}$`) }).click();
      await phone.locator('svg.chart-svg').first().waitFor();
      await shoot(phone, shot);
      expect(await clippedChartText(phone)).toEqual([]);
    }
  });
});
