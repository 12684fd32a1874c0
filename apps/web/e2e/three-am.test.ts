import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, clippedChartText, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** One zero-tolerance monitor, so a single event with a PII flag raises an alert. */
const claims = {
  id: 'claims-assistant',
  name: 'Claims assistant',
  owner: 'claims-ai',
  model: { name: 'gpt-4.1', version: '2025-04-14' },
  riskTier: 'high' as const,
  monitors: [
    { id: 'pii-in-answers', signal: 'flag:pii', detector: 'zero_tolerance' as const, owner: 'privacy-oncall' },
  ],
};

/** Twenty minutes of answers two hours ago, one with PII: their windows have closed, so the alert is raised at once. */
function answers() {
  const base = Math.floor((Date.now() - 2 * 3600_000) / 300_000) * 300_000;
  return Array.from({ length: 20 }, (_, minute) => ({
    system: 'claims-assistant',
    ts: new Date(base + minute * 60_000).toISOString(),
    id: `ans-${minute}`,
    flags: { pii: minute === 12 },
  }));
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * The war room for someone woken at 3 a.m.: the list in the order to look at it, the incident
 * at a glance while scrolling, finished incidents that cannot be changed by mistake, a phone
 * that acknowledges and does nothing else, and titles and focus that say where one is.
 */
describe('the war room at 3 a.m.', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let page: Page;
  let urgent = '';
  let minor = '';
  let woken = '';

  beforeAll(async () => {
    room = await startWarRoom();
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    minor = (
      await api.declareIncident({
        title: 'A few answers in the wrong language',
        type: 'model_degradation',
        severity: 'SEV4',
        systems: ['support-copilot'],
      })
    ).id;
    urgent = (
      await api.declareIncident({
        title: 'Copilot reads out another customer’s address',
        type: 'privacy_leak',
        severity: 'SEV1',
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
  });

  it('lists incidents most urgent first, with their commander, under a title that says so', async () => {
    const rows = page.locator('.incident-table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const order = await rows.locator('.incident-id').allTextContents();
    // The open SEV1, then the open SEV4, then the demo's resolved SEV2.
    expect(order).toEqual([urgent, minor, 'INC-1']);
    expect(await page.getByRole('columnheader', { name: 'Commander' }).isVisible()).toBe(true);
    expect(await rows.nth(0).textContent()).toContain('nobody');
    expect(await rows.nth(2).textContent()).toContain('Dana Reyes');
    expect(await page.title()).toBe('Incidents · Firebreak');
    await shoot(page, 'incidents-by-urgency');
    expect(await a11y(page)).toEqual([]);
  });

  it('pins a summary strip to the incident page: clocks, commander, containment, next update, approvals, alerts', async () => {
    await page.getByRole('link', { name: /another customer’s address/ }).click();
    const strip = page.getByRole('region', { name: `${urgent} at a glance` });
    await strip.waitFor();
    expect(await page.title()).toBe(`${urgent} Copilot reads out another customer’s address · Firebreak`);
    const text = await strip.textContent();
    expect(text).toMatch(/SEV1.*triage.*open/);
    expect(text).toMatch(/Acknowledge\s*in 1[45]m/);
    expect(text).toMatch(/Contain\s*in/);
    expect(text).toContain('Commandernobody yet');
    // The SEV1 cadence owes the first update 30 minutes after declaring.
    expect(text).toMatch(/Next update\s*in (29m|30m)[^·]* · none posted yet/);
    expect(text).toContain('Approvalsnone waiting');
    expect(text).toContain('Alertsnone linked');

    // It stays in view while the page scrolls.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(async () => (await strip.boundingBox())?.y).toBe(0);
    await shoot(page, 'incident-summary-strip');
    await page.evaluate(() => window.scrollTo(0, 0));

    // Acknowledging removes the button; focus lands on the strip, which now says so.
    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => strip.textContent()).toMatch(/Acknowledge\s*acknowledged/);
    expect(await focusedId(page)).toBe('at-a-glance');
    expect(await a11y(page)).toEqual([]);
  });

  it('shows what the systems hold back and until when, and the next update due', async () => {
    await api.changeControl('support-copilot.auto-send', {
      enabled: false,
      reason: 'Stop answers leaving without an agent',
      incident: urgent,
      expiresIn: '4h',
    });
    await api.postStatusUpdate(urgent, {
      audience: 'internal',
      whatHappened: 'Addresses of other customers in answers.',
      impact: 'Three customers so far.',
      currentStatus: 'Auto-send is off.',
      nextSteps: 'Find the retrieval bug.',
      nextUpdateAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });
    const strip = page.getByRole('region', { name: `${urgent} at a glance` });
    await expect
      .poll(() => strip.textContent(), { timeout: 10_000 })
      .toMatch(/support-copilot\.auto-send off \(killed\) until/);
    await page.reload();
    await expect.poll(() => strip.textContent()).toMatch(/Next update\s*in (29|30)m/);
  });

  it('gives focus back to the button that opened a dialog', async () => {
    const button = page.getByRole('button', { name: 'Change severity' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Focus comes back as the dialog unmounts, which can land a frame after it is detached.
    await expect.poll(() => focusedText(page), { timeout: 5_000 }).toBe('Change severity');
  });

  it('keeps a finished incident read-only but for reopening: no clocks, no updates, no changes', async () => {
    await page.goto('/incidents/INC-1');
    const strip = page.getByRole('region', { name: 'INC-1 at a glance' });
    await strip.waitFor();
    const text = await strip.textContent();
    expect(text).toMatch(/resolved.*took/);
    expect(text).not.toMatch(/Acknowledge|Contain|Next update/);
    expect(await page.locator('.clocks .clock-card').count()).toBe(0);
    for (const name of ['Post update', 'Log decision', 'Add evidence', 'Change severity', 'Assign', 'Reassign']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByRole('group', { name: 'Move to status' }).count()).toBe(0);
    await page.locator('body').press('u');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await shoot(page, 'incident-finished');
    expect(await a11y(page)).toEqual([]);

    await page.getByRole('button', { name: /^Reopen/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('The refund answers are wrong again.');
    await dialog.getByRole('button', { name: /active/i }).click();
    await page.getByRole('group', { name: 'Move to status' }).waitFor();
    await expect.poll(() => strip.textContent()).toMatch(/active.*open/);
    // The Reopen button went with the dialog: focus is on the summary, not lost.
    expect(await focusedId(page)).toBe('at-a-glance');
  });

  it('on a phone: lists as cards, acknowledges incidents and alerts, and declares or posts nothing', async () => {
    await api.applySystems([claims]);
    const response = await fetch(`${room.server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(answers()),
    });
    expect(response.status).toBe(202);
    const declared = await api.declareIncident({
      title: 'Claims assistant quotes a policy number',
      type: 'privacy_leak',
      severity: 'SEV2',
      systems: ['claims-assistant'],
    });

    const { page: phone } = await room.open(PHONE);
    await signIn(phone, room.adminToken);
    woken = declared.id;
    const card = phone.getByRole('listitem').filter({ hasText: woken });
    await card.waitFor();
    expect(await phone.locator('table').count()).toBe(0);
    await phone.locator('body').press('d');
    expect(await phone.getByRole('dialog').count()).toBe(0);
    await shoot(phone, 'incidents-phone');
    expect(await a11y(phone)).toEqual([]);

    await card.getByRole('button', { name: `Acknowledge ${woken}` }).tap();
    await expect.poll(() => card.textContent()).toMatch(/acknowledged/);
    expect(await card.getByRole('button').count()).toBe(0);
    expect(await focusedText(phone)).toBe('Claims assistant quotes a policy number');

    await phone.goto(`/incidents/${urgent}`);
    await phone.getByRole('region', { name: `${urgent} at a glance` }).waitFor();
    await phone.locator('body').press('u');
    expect(await phone.getByRole('dialog').count()).toBe(0);
    for (const name of ['Post update', 'Change severity', 'Log decision']) {
      expect(await phone.getByRole('button', { name, exact: true }).isVisible(), name).toBe(false);
    }
    await shoot(phone, 'incident-phone-summary');

    await phone.goto('/alerts?system=claims-assistant');
    const alert = phone.getByRole('listitem').filter({ hasText: 'pii-in-answers' });
    await alert.waitFor({ timeout: 20_000 });
    await shoot(phone, 'alerts-phone-cards');
    expect(await a11y(phone)).toEqual([]);
    const id = (await alert.locator('.incident-id').textContent()) ?? '';
    await alert.getByRole('button', { name: `Acknowledge ${id}` }).tap();
    await expect.poll(() => alert.textContent()).toMatch(/acknowledged by admin/);
    expect(await alert.getByRole('button', { name: /^Dismiss|^Suppress/ }).count()).toBe(0);

    // Its chart fits the phone, and its numbers are words with units.
    await alert.getByRole('link', { name: new RegExp(`^${id} pii-in-answers$`) }).click();
    await phone.locator('svg.chart-svg').first().waitFor();
    expect(await phone.title()).toBe(`${id} pii-in-answers on claims-assistant · Firebreak`);
    await shoot(phone, 'alert-chart-phone');
    expect(await clippedChartText(phone)).toEqual([]);
    const facts = await phone.locator('.detail-grid').textContent();
    expect(facts).toContain('Hits in the window');
    expect(facts).not.toContain('trials');
  });

  it('attaches an alert to the incident already open on its system, instead of opening another', async () => {
    await page.goto('/alerts?system=claims-assistant');
    const row = page.getByRole('row').filter({ hasText: 'pii-in-answers' });
    await row.getByRole('button', { name: /^Open incident from/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Open an incident from/ });
    const suggestions = dialog.getByRole('region', { name: 'Already open on claims-assistant' });
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain('Claims assistant quotes a policy number');
    await shoot(page, 'alert-attach-suggestions', { dialog: true });
    expect(await a11y(page)).toEqual([]);
    await suggestions.getByRole('button', { name: `Attach to ${woken}` }).click();
    await page.waitForURL(`**/incidents/${woken}`);
    const strip = page.getByRole('region', { name: `${woken} at a glance` });
    await expect.poll(() => strip.textContent()).toMatch(/Alerts\s*1 linked/);
  });

  it('merges a duplicate into the incident that carries on, keeping both', async () => {
    const duplicate = await api.declareIncident({
      title: 'Policy numbers in claims answers',
      type: 'privacy_leak',
      severity: 'SEV3',
      systems: ['claims-assistant'],
    });
    await page.goto(`/incidents/${duplicate.id}`);
    await page.getByRole('button', { name: 'Merge into…' }).click();
    const dialog = page.getByRole('dialog', { name: `Merge ${duplicate.id} into another incident` });
    await dialog.getByLabel('Merge into').selectOption(woken);
    await dialog.getByLabel('Reason').fill('Same leak, reported twice.');
    await shoot(page, 'incident-merge', { dialog: true });
    expect(await a11y(page)).toEqual([]);
    await dialog.getByRole('button', { name: `Merge into ${woken}` }).click();
    await page.waitForURL(`**/incidents/${woken}`);
    await page.getByText('Duplicates merged in:').waitFor();

    await page.goto(`/incidents/${duplicate.id}`);
    await page
      .getByRole('note')
      .filter({ hasText: `merged into ${woken}` })
      .waitFor();
    expect(await page.getByRole('region', { name: `${duplicate.id} at a glance` }).textContent()).toContain('closed');
    expect(await page.getByRole('button', { name: 'Merge into…' }).count()).toBe(0);
  });
});
