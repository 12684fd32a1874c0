import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { a11y, allowRefused, shoot, signedInWarRoom } from './harness';

const SAMPLE = readFileSync(
  new URL('../../server/src/integrations/fixtures/alertmanager-mixed.json', import.meta.url),
  'utf8',
);

// The replay console: paste the Alertmanager group, see its alerts and rules; nothing is stored.
describe('the replay console', () => {
  const session = signedInWarRoom();

  it('maps a pasted payload to alerts with fingerprints, storing nothing', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.waitForURL(/\/integrations$/);
    // The title follows the page's render, a moment after the URL: wait for it, as for the rest.
    await expect.poll(() => page.title()).toBe('Integrations · Firebreak');
    const form = page.getByRole('form', { name: 'Payload' });
    await form.getByLabel('Format').selectOption('alertmanager');
    await form.getByLabel('Payload (JSON)').fill(SAMPLE);
    await form.getByRole('button', { name: 'Preview' }).click();
    const table = page.getByRole('table', { name: 'Mapped alerts' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('INT-0|7f3c9a2b10d4e5f6');
    expect(rows[0]).toContain('preview/ToxicityRateHigh');
    expect(rows[1]).toContain('resolved');
    await page.getByText(/truncatedAlerts: the source left 2 alert/).waitFor();
    await page.getByText('2 mapped; nothing was stored.').waitFor();
    await shoot(page, 'replay-console');
    expect(await a11y(page)).toEqual([]);
  });

  it('names the wrong field of a refused payload, and fits a phone', async () => {
    const { room, page } = session;
    const form = page.getByRole('form', { name: 'Payload' });
    await form.getByLabel('Payload (JSON)').fill(SAMPLE.replace('"2026-11-24T09:20:00.000Z"', '"yesterday"'));
    await form.getByRole('button', { name: 'Preview' }).click();
    await page
      .getByRole('alert')
      .getByText(/payload\.alerts\[1\]\.startsAt/)
      .waitFor();
    allowRefused(room, 400);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
