import { describe, expect, it } from 'vitest';
import { a11y, shoot, signedInWarRoom } from './harness';

// The readiness page on the demo with its quarter of history: every section has figures and charts.
describe('the readiness page', () => {
  const session = signedInWarRoom({ demoHistory: true });

  it('shows response times, learning, detection and drills with their charts', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Readiness' }).click();
    await page.waitForURL(/\/readiness$/);
    await page.getByRole('heading', { name: 'Response times' }).waitFor();
    expect(await page.title()).toBe('Readiness · Firebreak');
    const stats = await page.locator('.readiness-stat strong').allTextContents();
    // five response times, three learning figures, alert precision: none empty
    expect(stats).toHaveLength(9);
    expect(stats.filter((text) => text === '—')).toEqual([]);
    for (const chart of [
      'Mean response times per week',
      'Alert precision per monitor (acted on ÷ reviewed)',
      'Taxonomy coverage per system',
      'Drills passed per team',
    ])
      expect(await page.locator('figcaption', { hasText: chart }).count(), chart).toBe(1);
    expect(await page.locator('.readiness-line').count()).toBe(4);
    expect(
      await page
        .getByRole('img', { name: /Drills passed per team: risk-ml 1 of 2 passed; support-ai 2 of 2 passed/ })
        .count(),
    ).toBe(1);
    expect(await page.getByRole('table', { name: 'By severity (medians)' }).locator('tbody tr').count()).toBe(3);
    await shoot(page, 'readiness');
    expect(await a11y(page)).toEqual([]);
  });

  it('narrows to a period', async () => {
    const { page } = session;
    const form = page.getByRole('form', { name: 'Period' });
    await form.getByLabel('From').fill('2026-01-01');
    await form.getByLabel('To').fill('2026-01-31');
    await form.getByRole('button', { name: 'Show' }).click();
    await page.getByText('2026-01-01 to 2026-01-31').waitFor();
    expect(await page.locator('.readiness-stat strong').first().textContent()).toBe('—');
  });
});
