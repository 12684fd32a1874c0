import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startWarRoom, type WarRoom } from './harness';

const WRITE_BUTTONS = [
  'Declare incident',
  'Acknowledge',
  'Log decision',
  'Add evidence',
  'Post update',
  'Change severity',
  'Change type',
  'Assign',
  'Reassign',
  'Vacate',
];

describe('a viewer token', () => {
  let room: WarRoom;
  let page: Page;

  beforeAll(async () => {
    room = await startWarRoom();
    const admin = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    const viewer = await admin.createToken({ name: 'vic', role: 'viewer' });
    page = (await room.open()).page;
    await signIn(page, viewer.token);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
  });

  it('reads incidents with no way to declare one', async () => {
    expect(await page.getByText('Read-only', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Declare/ }).count()).toBe(0);
    await page.locator('body').press('d');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('sees the whole incident, and no write control on it', async () => {
    await page.getByRole('link', { name: /Copilot quoted a refund policy/ }).click();
    await page.locator('.timeline-entry').first().waitFor();
    await page.locator('.decision', { hasText: 'Roll the prompt template back to v6' }).waitFor();
    for (const name of WRITE_BUTTONS) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByRole('group', { name: 'Move to status' }).count()).toBe(0);
    await page.locator('body').press('u');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('opens evidence content, fetched with the token and checked against its digest', async () => {
    await page.getByRole('button', { name: 'Open EV-1 content' }).click();
    const dialog = page.getByRole('dialog', { name: /EV-1/ });
    await dialog.getByText('Content matches its SHA-256').waitFor();
    expect(await dialog.locator('pre').textContent()).toContain('90 days');
  });

  it('signs out, and the token is forgotten', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the war room' }).waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('firebreak.token'))).toBeNull();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the war room' }).waitFor();
  });
});
