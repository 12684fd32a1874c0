import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, shoot, startWarRoom, type WarRoom } from './harness';

const APPROVED = 'Some customers see slow or failed answers from the support assistant.';
const UNAPPROVED = 'Draft nobody approved: the retrieval index is corrupt.';
const INTERNAL_TITLE = 'Retrieval index shard 7 returns stale tenants';

/** Whether the page is wider than the window (a horizontal scroll bar on a phone). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the public status page in Chromium', () => {
  let room: WarRoom;

  beforeAll(async () => {
    room = await startWarRoom();
    const admin = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    const lee = new FirebreakClient({
      baseUrl: room.server.url,
      token: (await admin.createToken({ name: 'lee', role: 'responder' })).token,
    });
    const incident = await admin.declareIncident({
      title: INTERNAL_TITLE,
      summary: 'Shard 7 of the support index serves another tenant’s tickets.',
      type: 'infrastructure',
      severity: 'SEV2',
      systems: ['support-copilot'],
    });
    await admin.assignRole(incident.id, { role: 'comms_lead', person: 'Lee Park' });
    const update = (whatHappened: string) =>
      admin.postStatusUpdate(incident.id, {
        audience: 'customer',
        whatHappened,
        impact: 'About one answer in five fails; retrying usually works.',
        currentStatus: 'We are moving traffic to a healthy copy.',
        nextSteps: 'We will post again within the hour.',
      });
    const approved = await update(APPROVED);
    await update(UNAPPROVED);
    await lee.publishStatusUpdate(incident.id, approved.id, {
      title: 'Slow and failed answers from the support assistant',
      states: [{ component: 'support-assistant', state: 'partial_outage' }],
    });
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
  });

  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 860 }],
    ['phone', { width: 375, height: 740 }],
  ] as const) {
    it(`shows components, states and the approved update without a token, on a ${name}`, async () => {
      const { page } = await room.open({ viewport, isMobile: name === 'phone' });
      const response = await page.goto('/status');
      expect(response?.status()).toBe(200);
      // Server-rendered and script-free: what a reader sees needs no JavaScript.
      expect(await page.locator('script').count()).toBe(0);
      await page.getByRole('heading', { name: 'Acme status', level: 1 }).waitFor();
      expect(await page.getByRole('status').textContent()).toContain('Partial outage');

      const components = page.getByRole('region', { name: 'Components' });
      const assistant = components.getByRole('listitem').filter({ hasText: 'Support assistant' });
      expect(await assistant.textContent()).toContain('Partial outage');
      expect(await assistant.isVisible()).toBe(true);
      const screening = components.getByRole('listitem').filter({ hasText: 'Payment screening' });
      expect(await screening.textContent()).toContain('Operational');

      const ongoing = page.getByRole('region', { name: 'Ongoing incidents' });
      const incident = ongoing.getByRole('article', { name: 'Slow and failed answers from the support assistant' });
      expect(await incident.isVisible()).toBe(true);
      expect(await incident.getByText(APPROVED).isVisible()).toBe(true);
      expect(await incident.getByText(/Next update by/).isVisible()).toBe(true);
      expect(await page.getByText(UNAPPROVED).count()).toBe(0);
      expect(await page.getByText(INTERNAL_TITLE).count()).toBe(0);

      // The demo's maintenance tomorrow and its resolved incident from three days ago.
      expect(await page.getByRole('region', { name: 'Scheduled maintenance' }).textContent()).toContain(
        'Payment screening model upgrade',
      );
      expect(await page.getByRole('region', { name: /Past incidents/ }).textContent()).toContain(
        'Incorrect refund information from the support assistant',
      );

      expect(await scrollsSideways(page)).toBe(false);
      expect(await a11y(page)).toEqual([]);
      await shoot(page, `status-page-${name}`);
    });
  }

  it('reads the same with JavaScript off', async () => {
    const { page } = await room.open({ javaScriptEnabled: false });
    await page.goto('/status');
    await page.getByRole('heading', { name: 'Acme status', level: 1 }).waitFor();
    expect(await page.getByText(APPROVED).isVisible()).toBe(true);
    expect(await page.getByText('Partial outage').first().isVisible()).toBe(true);
  });

  it('links its JSON summary and Atom feed, both readable without a token', async () => {
    const { page } = await room.open();
    await page.goto('/status');
    const json = page.getByRole('link', { name: 'JSON summary' });
    const atom = page.getByRole('link', { name: 'Atom feed' });
    expect(await json.getAttribute('href')).toBe('/status.json');
    expect(await atom.getAttribute('href')).toBe('/status/feed.atom');
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(
      '/status/feed.atom',
    );
    const summary = await (await page.request.get('/status.json')).json();
    expect(summary.incidents[0].updates[0].whatHappened).toBe(APPROVED);
    const feed = await page.request.get('/status/feed.atom');
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    const xml = await feed.text();
    expect(xml).toContain(APPROVED);
    expect(xml).not.toContain(UNAPPROVED);
  });
});
