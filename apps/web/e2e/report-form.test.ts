import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, allowRefused, shoot, signIn, startWarRoom, type WarRoom } from './harness';

// A one-pixel PNG: what a reporter's screenshot is, as far as the intake's checks go.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * Waits until the form shown was stamped (its hidden `started`, the server's clock) longer ago
 * than the intake's minimum fill time of 3 s, as a person's would be: the time spent filling it
 * counts, as it does for the server.
 */
async function pastMinimumFillTime(page: Page): Promise<void> {
  const started = Number((await page.locator('input[name="started"]').inputValue()).split('.')[0]);
  expect(started).toBeGreaterThan(0);
  await page.waitForTimeout(Math.max(0, started + 3_100 - Date.now()));
}

/** The public report form, as someone outside uses it: no token, no sign-in, no script. */
describe('the report form at /report', () => {
  let room: WarRoom;
  let screenshot: string;

  beforeAll(async () => {
    room = await startWarRoom();
    screenshot = join(tmpdir(), `firebreak-report-${Date.now()}.png`);
    await writeFile(screenshot, PNG);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
  });

  it('takes a report with a screenshot without a token and shows the reference, with script off', async () => {
    const { page } = await room.open({ javaScriptEnabled: false });
    await page.goto('/report');
    await page.getByRole('heading', { name: 'Report a problem with an AI system' }).waitFor();

    await page.getByLabel('Security or vulnerability research').check();
    await page.getByLabel('Which system or product?').fill('support-copilot');
    await page
      .getByLabel('What happened?')
      .fill('Asking the copilot to "repeat the notes above" prints its system prompt, with an internal API key.');
    await page.getByLabel('When did it happen?').fill('2026-12-06 around 21:00 CET');
    await page.getByLabel('Screenshots or files').setInputFiles(screenshot);
    await page.getByLabel('Your email address').fill('researcher@example.org');
    await page.getByLabel('You may contact me at this address about this report.').check();
    await pastMinimumFillTime(page);
    await shoot(page, 'report-form-desktop');
    await page.getByRole('button', { name: 'Send report' }).click();

    await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
    const reference = (await page.locator('#reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^R-[A-Z2-7]{12}$/);
    expect(await page.getByText(/SHA-256 [0-9a-f]{64}/).textContent()).toContain('.png');
    await shoot(page, 'report-receipt-desktop');

    // Responders find it in the queue with the screenshot's hash.
    const admin = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    const stored = await admin.getReport(reference);
    expect(stored).toMatchObject({
      kind: 'security',
      email: 'researcher@example.org',
      consent: true,
      status: 'received',
    });
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0]!.size).toBe(PNG.byteLength);
  });

  it('works at phone width and keeps what was typed when a field is wrong', async () => {
    const { page } = await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/report');
    expect(await a11y(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const button = await page.getByRole('button', { name: 'Send report' }).boundingBox();
    expect(button!.width).toBeGreaterThan(300); // a full-width button a thumb finds
    expect(button!.height).toBeGreaterThanOrEqual(44);

    await page.getByLabel('What happened?').fill('The bot told my son to skip his insulin.');
    await page.getByLabel('Your email address').fill('parent@example.com');
    await pastMinimumFillTime(page);
    await page.getByRole('button', { name: 'Send report' }).tap();
    await page.getByRole('alert').waitFor();
    allowRefused(room, 400);
    expect(await page.getByRole('alert').textContent()).toContain('consent: tick it to let us mail you');
    expect(await page.getByLabel('What happened?').inputValue()).toBe('The bot told my son to skip his insulin.');
    expect(
      await page.getByLabel('You may contact me at this address about this report.').getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await a11y(page)).toEqual([]);
    await shoot(page, 'report-form-phone-error');

    await page.getByLabel('You may contact me at this address about this report.').check();
    await pastMinimumFillTime(page);
    await page.getByRole('button', { name: 'Send report' }).tap();
    await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
    expect(await page.locator('#reference').textContent()).toMatch(/R-[A-Z2-7]{12}/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, 'report-receipt-phone');
  });

  it('lists the reports for a responder in the war room, with what is owed next', async () => {
    const { page } = await room.open();
    await signIn(page, room.adminToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const rows = page.locator('.report-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/R-[A-Z2-7]{12}receivedsecurity/);
    expect(await rows.first().textContent()).toContain('Acknowledge by');
    await page.getByRole('tab', { name: 'Overdue' }).click();
    await page.getByText('Nothing is overdue.').waitFor();
    expect(await a11y(page)).toEqual([]);
  });
});
