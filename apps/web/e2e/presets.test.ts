import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, allowRefused, SCREENSHOTS, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const row = (page: Page, key: string) => page.locator(`tr[data-control="${key}"]`);

describe('safe mode from the war room, driven through a browser', () => {
  let room: WarRoom;
  let page: Page;
  let incident = '';

  beforeAll(async () => {
    room = await startWarRoom();
    const api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    incident = (
      await api.declareIncident({
        title: 'Copilot reads out another customer’s address',
        type: 'privacy_leak',
        severity: 'SEV2',
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

  it('shows the system’s safe mode above its controls, with what it changes and its tier', async () => {
    await page.goto(`/incidents/${incident}`);
    const preset = page.locator('[data-system="support-copilot"] [data-preset="safe-mode"]');
    await preset.waitFor();
    expect(await preset.textContent()).toMatch(/Safe mode · tier of SEV1 · not applied/);
    expect(await preset.textContent()).toContain('auto-send → off (killed); review → 100% of traffic');
    expect(await a11y(page)).toEqual([]);
  });

  it('applies safe mode as one change: every control moves, one entry on the timeline', async () => {
    await page.getByRole('button', { name: 'Apply safe-mode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply safe-mode on support-copilot' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('support-copilot.filter → strict');
    await dialog.getByLabel(/Reason/).fill('Addresses of other customers in answers');
    await shoot(page, 'preset-apply', { dialog: true });
    expect(await a11y(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Apply safe-mode' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => row(page, 'support-copilot.auto-send').locator('.control-state').textContent(), { timeout: 10_000 })
      .toBe('off (killed)');
    await expect.poll(() => row(page, 'support-copilot.filter').locator('.control-state').textContent()).toBe('strict');
    await page
      .locator('.timeline-entry', { hasText: 'Preset safe-mode applied: 4 controls at once' })
      .waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.locator('[data-preset="safe-mode"] .preset-state').getAttribute('data-state'))
      .toBe('applied');
  });

  it('will not lift it while the SEV2’s recovery gate has not passed, and says why', async () => {
    await page.getByRole('button', { name: 'Revert safe-mode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revert safe-mode on support-copilot' });
    await dialog.getByLabel(/Reason/).fill('Looks fine now');
    await dialog.getByRole('button', { name: 'Revert safe-mode' }).click();
    await dialog.getByText(/recovery gate not passed, so traffic on support-copilot may not widen yet/).waitFor();
    allowRefused(room, 409);
    await shoot(page, 'preset-revert-refused', { dialog: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row(page, 'support-copilot.auto-send').locator('.control-state').textContent()).toBe('off (killed)');
  });

  it('shows safe mode on a phone without the buttons (phones read and acknowledge)', async () => {
    const phone = (await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).page;
    await signIn(phone, room.adminToken);
    await phone.goto(`/incidents/${incident}`);
    const preset = phone.locator('[data-preset="safe-mode"]');
    await preset.waitFor();
    expect(await preset.textContent()).toMatch(/in force since/);
    expect(await phone.getByRole('button', { name: 'Revert safe-mode' }).isVisible()).toBe(false);
    await preset.screenshot({ path: `${SCREENSHOTS}/preset-phone.png` });
  });
});
