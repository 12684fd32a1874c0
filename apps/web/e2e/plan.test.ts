import { afterAll, describe, expect, it } from 'vitest';
import { a11y, SCREENSHOTS, shoot, signedInWarRoom } from './harness';

describe('a system’s response plan in the war room, driven through a browser', () => {
  const session = signedInWarRoom();
  afterAll(() => {
    console.log(`web e2e screenshots: ${SCREENSHOTS}`);
  });

  it('opens from the system page: gaps first, linked to their sections, then every section', async () => {
    const { page } = session;
    await page.goto('/systems/support-copilot');
    await page.getByRole('link', { name: 'Response plan and its gaps' }).click();
    const gaps = page.getByTestId('plan-gaps');
    await gaps.waitFor();
    expect(await gaps.textContent()).toContain('no-monitor:bias');
    expect(await gaps.textContent()).toContain('no monitor watches fairness (bias) for this system');
    await gaps.locator('li', { hasText: 'no-role:privacy' }).getByRole('link', { name: 'see section' }).click();
    expect(page.url()).toMatch(/#plan-roles$/);
    expect(await page.locator('#plan-roles').textContent()).toContain('Alex Morgan');
    expect(await page.locator('section[id^="plan-"] h2').allTextContents()).toHaveLength(11);
    expect(await page.locator('#plan-rollback table').textContent()).toContain('known-good s-41');
    await shoot(page, 'response-plan');
    expect(await a11y(page)).toEqual([]);
  });
});
