import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, SCREENSHOTS, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const HOUR = 3_600_000;

describe('regulatory clocks in the war room, driven through a browser', () => {
  let room: WarRoom;
  let page: Page;
  let incident = '';
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${room.server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${room.adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBeLessThan(300);
    return response.json();
  };

  beforeAll(async () => {
    room = await startWarRoom();
    incident = (
      await api('POST', '/incidents', {
        title: 'Other card holders’ transactions in decline notices',
        type: 'privacy_leak',
        severity: 'SEV2',
        systems: ['fraud-model'],
      })
    ).id;
    // Aware 50 hours ago: GDPR's 72 hours run out within a day.
    await api('POST', `/incidents/${incident}/facts`, {
      fact: 'aware',
      at: new Date(Date.now() - 50 * HOUR).toISOString(),
      reason: 'A card holder wrote to the DPO',
    });
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

  it('shows the GDPR clock in red under a day, with its source and the fact that started it', async () => {
    await page.goto(`/incidents/${incident}`);
    const gdpr = page.locator('.obligation[data-rule="gdpr.33"]');
    await gdpr.waitFor();
    expect(await gdpr.getAttribute('data-tone')).toBe('bad');
    expect(await gdpr.textContent()).toMatch(/in 2[12]h/);
    expect(await gdpr.locator('a').getAttribute('href')).toContain('eur-lex.europa.eu');
    expect(await page.locator('.regulatory-panel').getAttribute('data-urgent')).toBe('true');
    expect(await page.locator('[data-fact="aware"]').textContent()).toContain('A card holder wrote to the DPO');
    await shoot(page, 'regulatory-panel');
    expect(await a11y(page)).toEqual([]);
  });

  it('sets a harm from the panel, which opens the AI Act report, and records a filing', async () => {
    const panel = page.locator('.regulatory-panel');
    await panel.getByText('Set a fact').click();
    await panel.getByLabel('Fact', { exact: true }).selectOption('harms');
    await panel.getByLabel('Fundamental rights').check();
    await panel.getByLabel('Why').fill('Card holders’ data shown to others');
    await panel.getByRole('button', { name: 'Set fact' }).click();
    await panel.locator('.obligation[data-rule^="eu.aia.73"]').waitFor({ timeout: 10_000 });
    expect(await panel.locator('.obligation[data-rule^="eu.aia.73"]').textContent()).toContain(
      'not yet applicable on that date',
    );
    const gdpr = panel.locator('.obligation[data-rule="gdpr.33"]');
    await gdpr.getByRole('button', { name: 'Filed…' }).click();
    await gdpr.getByLabel('Reference').fill('BfDI-2026-0412');
    await gdpr.getByRole('button', { name: 'Record filing' }).click();
    await expect.poll(() => gdpr.getAttribute('data-state'), { timeout: 10_000 }).toBe('filed');
    expect(await gdpr.textContent()).toContain('reference BfDI-2026-0412');
    await page.locator('.timeline-entry', { hasText: 'Obligation filed' }).waitFor({ timeout: 10_000 });
  });

  it('reads on a phone without sideways scrolling', async () => {
    const phone = (await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).page;
    await signIn(phone, room.adminToken);
    await phone.goto(`/incidents/${incident}`);
    await phone.locator('.regulatory-panel .obligation').first().waitFor();
    await shoot(phone, 'regulatory-panel-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  });
});
