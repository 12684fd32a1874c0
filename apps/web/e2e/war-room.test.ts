import { FirebreakClient } from '@firebreak/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, allowRefused, SCREENSHOTS, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const TITLE = 'Copilot answers quote other customers’ order numbers';

/** Waits until the page follows the live feed, so a change made elsewhere will show. */
async function waitLive(page: Page): Promise<void> {
  await page.locator('.timeline-panel [data-live-state="open"]').waitFor();
}

describe('the war room, driven through a browser', () => {
  let room: WarRoom;
  let a: Page;
  let b: Page;
  let contextB: BrowserContext;
  let incidentUrl = '';

  beforeAll(async () => {
    room = await startWarRoom();
    a = (await room.open()).page;
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
    console.log(`web e2e screenshots: ${SCREENSHOTS}`);
  });

  it('refuses a wrong token, then signs in and lists incidents with their clocks', async () => {
    await a.goto('/');
    await a.getByRole('heading', { name: 'Sign in to the war room' }).waitFor();
    await shoot(a, 'sign-in');
    expect(await a11y(a)).toEqual([]);
    await a.getByLabel('API token').fill('fbk_wrong');
    await a.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => a.getByRole('alert').textContent()).toMatch(/token/i);
    allowRefused(room, 401);

    await signIn(a, room.adminToken);
    const row = a.getByRole('row', { name: /INC-1/ });
    await expect.poll(() => row.textContent()).toContain('Copilot quoted a refund policy');
    expect(await row.textContent()).toContain('acknowledged');
    await a.locator('[data-live-state="open"]').waitFor();
    expect(await a11y(a)).toEqual([]);
  });

  it('declares an incident from the dialog, showing the API’s errors and warnings', async () => {
    await a.keyboard.press('d');
    const dialog = a.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^Declare/ }).click();
    expect(await dialog.getByRole('alert').textContent()).toContain('type: choose the incident type');

    await dialog.getByLabel('Title').fill(TITLE);
    await dialog.getByRole('radio', { name: /^privacy leak/ }).check();
    await dialog.getByRole('radio', { name: /^SEV1/ }).check();
    await dialog.getByRole('checkbox', { name: /Support copilot/ }).check();
    await dialog.getByLabel(/Other systems/).fill('Order Lookup');
    await dialog
      .getByLabel(/Summary/)
      .fill('Three customers reported seeing order numbers that are not theirs in copilot answers.');
    await dialog.getByRole('button', { name: 'Declare SEV1 incident' }).click();
    // The server judges the system ids, and its message names the field.
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toMatch(/systems\[1\]: expected a lower-case slug/);
    expect(await dialog.getByText('expected a lower-case slug', { exact: false }).count()).toBeGreaterThan(1);
    allowRefused(room, 400);

    await dialog.getByLabel(/Other systems/).fill('order-lookup');
    await shoot(a, 'declare-dialog', { dialog: true });
    expect(await a11y(a)).toEqual([]);
    await dialog.getByRole('button', { name: 'Declare SEV1 incident' }).click();

    await a.waitForURL(/\/incidents\/INC-2$/);
    incidentUrl = new URL(a.url()).pathname;
    await a.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
    expect(await a.getByRole('status').filter({ hasText: 'Declared, with warnings' }).textContent()).toContain(
      'order-lookup is not in the catalog',
    );
    expect(await a.locator('.clock-card').first().textContent()).toMatch(/in 1[45]m/);
  });

  it('shows a change made in one browser in another’s timeline, without reloading', async () => {
    ({ context: contextB, page: b } = await room.open());
    await signIn(b, room.adminToken);
    await b.goto(incidentUrl);
    await waitLive(b);
    await waitLive(a);
    await b.evaluate(() => Object.assign(window, { notReloaded: true }));

    await a.getByRole('button', { name: 'Assign incident commander' }).click();
    const dialog = a.getByRole('dialog', { name: 'Assign incident commander' });
    await dialog.getByLabel('Person').fill('Dana Reyes');
    await dialog.getByRole('button', { name: 'Make Dana Reyes incident commander' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await a.locator('[data-role="incident_commander"]').textContent()).toContain('Dana Reyes');

    await b.locator('.timeline-entry', { hasText: 'Incident commander: Dana Reyes' }).waitFor({ timeout: 10_000 });
    expect(await b.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await b.locator('[data-role="incident_commander"]').textContent()).toContain('Dana Reyes');
  });

  it('acknowledges and logs a decision in the observation → decision frame', async () => {
    await a.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await a.locator('.clock-card', { hasText: 'acknowledged' }).waitFor();

    await a.getByRole('button', { name: 'Add evidence' }).click();
    const evidence = a.getByRole('dialog', { name: /Add evidence/ });
    await evidence.getByLabel('Title').fill('Six answers with other customers’ order numbers');
    await evidence.getByLabel(/Prompt version/).fill('support-answer-v7');
    await evidence.getByLabel('Text', { exact: true }).fill('{"ticket":"t-1","answer":"Your order 88412 ships today"}');
    await evidence.getByRole('button', { name: 'Add evidence' }).click();
    await evidence.waitFor({ state: 'detached' });
    // Evidence and decision ids count across incidents, and the demo's INC-1 holds some: read ours.
    const evidenceRow = a.getByRole('row', { name: /Six answers with other customers/ });
    await evidenceRow.waitFor();
    const ev = /EV-\d+/.exec((await evidenceRow.textContent()) ?? '')?.[0] ?? 'EV-?';

    await a.getByRole('button', { name: 'Log decision' }).click();
    const dialog = a.getByRole('dialog', { name: /Log a decision/ });
    await dialog
      .getByLabel('Observation')
      .fill('Answers on prompt template v7 include order numbers from other tickets.');
    await dialog.getByLabel(/Hypothesis/).fill('v7 retrieves tickets across customers.');
    await dialog.getByLabel(/Test/).fill('Replayed 20 affected prompts: v7 leaked in 6, v6 in none.');
    await dialog
      .getByLabel('Decision', { exact: true })
      .fill('Roll the prompt template back to v6 and stop auto-send.');
    await dialog.getByRole('checkbox', { name: new RegExp(`${ev}\\b`) }).check();
    await dialog.getByRole('button', { name: 'Log decision' }).click();
    await dialog.waitFor({ state: 'detached' });

    const decision = a.locator('.decision', { hasText: 'Roll the prompt template back to v6' });
    await decision.waitFor();
    expect(await decision.getByRole('link', { name: ev }).getAttribute('href')).toBe(`#${ev}`);
    await b
      .locator('.timeline-entry', { hasText: /Decision DEC-\d+: Roll the prompt template back/ })
      .waitFor({ timeout: 10_000 });
  });

  it('posts a status update from the customer template, with a preview', async () => {
    await a.locator('body').click({ position: { x: 5, y: 5 } });
    await a.keyboard.press('u');
    const dialog = a.getByRole('dialog', { name: /Post a status update/ });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'customer' }).check();
    const post = dialog.getByRole('button', { name: 'Post customer update' });
    expect(await post.isDisabled()).toBe(true);
    await dialog
      .getByLabel('Who is affected')
      .fill(
        'Some customers of the support chat in the EU and US saw order numbers of other customers. No payment data was shown.',
      );
    const preview = dialog.getByTestId('update-preview');
    expect(await preview.textContent()).toContain('Investigating: issue affecting Support copilot, order-lookup');
    expect(await preview.textContent()).not.toContain('INC-2');
    await shoot(a, 'status-update-preview', { dialog: true });
    expect(await a11y(a)).toEqual([]);
    await post.click();
    await dialog.waitFor({ state: 'detached' });
    await a.locator('.update', { hasText: 'customer' }).waitFor();
    await b.locator('.timeline-entry', { hasText: /Status update UPD-\d+ to customer/ }).waitFor({ timeout: 10_000 });
  });

  it('moves the incident along its lifecycle, with a reason on the timeline', async () => {
    await a.getByRole('group', { name: 'Move to status' }).getByRole('button', { name: 'contained' }).click();
    const dialog = a.getByRole('dialog', { name: /to contained/ });
    await dialog.getByLabel(/Reason/).fill('Prompt rolled back to v6; auto-send off.');
    await dialog.getByRole('button', { name: 'Move to contained' }).click();
    await dialog.waitFor({ state: 'detached' });
    await a.locator('.incident-header .status-contained').waitFor();
    await a.locator('.clock-card', { hasText: /^Contain.*contained/ }).waitFor();
    await b.locator('.timeline-entry', { hasText: 'Status triage → contained' }).waitFor({ timeout: 10_000 });
    // contained → triage is not a move the lifecycle allows, so it is not offered.
    expect(await a.getByRole('group', { name: 'Move to status' }).getByRole('button', { name: 'triage' }).count()).toBe(
      0,
    );
  });

  it('verifies the timeline’s hash chain', async () => {
    await a.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => a.locator('.verdict').textContent()).toMatch(/Intact: \d+ entries/);
    await shoot(a, 'incident-page');
    expect(await a11y(a)).toEqual([]);
  });

  it('opens an affected system’s overview pack in one click, and gives focus back on close', async () => {
    const chip = a.getByRole('button', { name: /Support copilot support-copilot/ });
    await chip.click();
    const drawer = a.getByRole('dialog', { name: 'Support copilot' });
    await drawer.locator('.system-card').getByText('support-answer-v6').waitFor();
    expect(await drawer.textContent()).toContain('support-ai-oncall');
    await shoot(a, 'system-drawer', { dialog: true });
    expect(await a11y(a)).toEqual([]);
    await a.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await chip.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('shows the system catalog and each system’s incidents', async () => {
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Systems' }).click();
    await a.getByRole('link', { name: 'Card fraud scoring' }).waitFor();
    await shoot(a, 'systems-page');
    expect(await a11y(a)).toEqual([]);
    await a.getByRole('link', { name: 'Support copilot' }).click();
    await a.getByRole('heading', { level: 1, name: /Support copilot/ }).waitFor();
    await a.getByRole('link', { name: TITLE }).waitFor();
    await shoot(a, 'system-page');
  });

  it('filters and searches incidents, focusing search with /', async () => {
    await a.goto('/incidents');
    await a.getByRole('row', { name: /INC-2/ }).waitFor();
    await a.locator('body').press('/');
    await expect.poll(() => a.evaluate(() => document.activeElement?.id)).toBe('incident-search');
    await a.keyboard.type('refund');
    await a.waitForURL(/q=refund/);
    await expect.poll(() => a.locator('tbody tr').count()).toBe(1);
    await a.getByLabel('Severity').selectOption('SEV1');
    await a.getByRole('heading', { name: 'No incident matches these filters' }).waitFor();
    await a.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => a.locator('tbody tr').count()).toBe(2);
  });

  it('adds an incident declared elsewhere to the list, live, with its acknowledgement countdown', async () => {
    const api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    await api.declareIncident({
      title: 'Fraud model recall down 12% on new merchants',
      type: 'model_degradation',
      severity: 'SEV3',
      systems: ['fraud-model'],
      nearMiss: true,
    });
    const row = a.getByRole('row', { name: /INC-3/ });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toMatch(/near miss.*(in 4h|in 3h 59m)/);
    await a.locator('body').click({ position: { x: 5, y: 400 } });
    await shoot(a, 'incidents-list');
  });

  it('reads on a phone, without write controls', async () => {
    const { page } = await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, room.adminToken);
    await page.goto(incidentUrl);
    await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
    for (const name of ['Log decision', 'Add evidence', 'Post update', 'Change severity']) {
      expect(await page.getByRole('button', { name }).isVisible()).toBe(false);
    }
    await shoot(page, 'incident-phone');
    expect(await a11y(page)).toEqual([]);
    await contextB.close();
  });
});
