import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDirectory } from './directory';
import { a11y, allowRefused, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A UTC `datetime-local` value some minutes from now. */
const utcInput = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

/** What on the page reaches past the window's right edge, which a phone shows as a sideways scroll. */
const overflows = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > width + 1 && !element.closest('.table-wrap');
    });
    return wide.slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
  });

/**
 * Reaching people from the war room: who is on call on each schedule and for the next two weeks,
 * taking the pager with an override, the people and their local time, the notification rules,
 * and an incident's notifications; at desktop width and on a phone.
 */
describe('reaching people', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let page: Page;
  /** A webhook consumer that refuses (410, final) until a test lets it accept. */
  let receiver: Server;
  let webhookStatus = 410;
  const received: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(webhookStatus).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    room = await startWarRoom({
      channels: {
        webhook: { url: `http://127.0.0.1:${port}/firebreak`, secret: `whsec_${randomBytes(32).toString('base64')}` },
      },
    });
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    page = (await room.open()).page;
    await signIn(page, room.adminToken);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('explains how to add people while the directory is empty', async () => {
    // Whatever the demo seeds, an applied directory with nobody in it is empty too.
    await api.applySystems([], undefined, {});
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On call' }).click();
    await page.getByRole('heading', { name: 'On call', level: 1 }).waitFor();
    const empty = page.locator('.empty-state');
    await empty.getByRole('heading', { name: 'Nobody can be reached yet' }).waitFor();
    const text = await empty.textContent();
    for (const words of ['people:', 'teams:', 'schedules:', 'firebreak system apply -f firebreak.yaml'])
      expect(text).toContain(words);
    expect(await page.title()).toContain('On call');
    await shoot(page, 'oncall-empty');
    expect(await a11y(page)).toEqual([]);
  });

  it('shows who is on call on each schedule, until when, and the next two weeks', async () => {
    await api.applySystems([], undefined, testDirectory());
    const now = await api.onCall();
    await page.reload();
    for (const row of now.onCall) {
      const card = page.locator(`[data-schedule="${row.schedule}"]`);
      await expect.poll(() => card.locator('.oncall-now').textContent()).toContain(row.name ?? 'missing');
      expect(await card.locator('.oncall-now').textContent()).toContain(`layer ${row.layer}`);
    }
    // The daily secondary hands off every day: about fifteen shifts in two weeks, the first running
    // now; the first eight show until the rest are asked for.
    const secondary = page.locator('[data-schedule="support-ai-secondary"]');
    const daily = secondary.locator('.shift-list > li');
    await expect.poll(() => daily.count()).toBe(8);
    await secondary.getByRole('button', { name: /^Show all 1[45] shifts$/ }).click();
    expect(await daily.count()).toBeGreaterThanOrEqual(14);
    expect(await daily.first().textContent()).toMatch(/^(Lee Park|Sam Ortiz)now →/);
    const weekly = page.locator('[data-schedule="support-ai-oncall"] .shift-list > li');
    await expect.poll(() => weekly.count()).toBeGreaterThanOrEqual(2);
    expect(await weekly.count()).toBeLessThanOrEqual(4);
    // Times read in UTC and in the reader's zone (the browser is in Berlin).
    expect(await weekly.nth(1).textContent()).toMatch(/\d\d:\d\d UTC · \d\d:\d\d local/);

    const dana = page.locator('tr[data-person="dana-reyes"]');
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')!
      .value.replace('GMT', 'UTC');
    expect(await dana.textContent()).toContain(offset);
    expect(await dana.textContent()).toContain('Europe/Berlin');
    expect(await page.locator('tr[data-person="priya-nair"]').textContent()).toContain('no way to reach them');
    expect(await page.locator('[data-team="support-ai"]').textContent()).toContain('Dana Reyes, Lee Park, Sam Ortiz');
    expect(await page.getByRole('button', { name: 'Download calendar (.ics)' }).count()).toBe(2);
    await shoot(page, 'oncall');
    expect(await a11y(page)).toEqual([]);
  });

  it('downloads a schedule’s calendar feed with the token', async () => {
    const card = page.locator('[data-schedule="support-ai-oncall"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('support-ai-oncall.ics');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path, 'utf8')).toContain('BEGIN:VCALENDAR');
  });

  it('takes the pager with an override, shows the server’s field errors, and removes it', async () => {
    const before = (await api.onCall({ schedule: 'support-ai-oncall' })).onCall[0]!;
    const taker = ['dana-reyes', 'lee-park', 'sam-ortiz'].find((id) => id !== before.person)!;
    const form = page.getByRole('region', { name: 'Take the pager' });
    expect(await form.textContent()).toContain('The next firebreak system apply replaces every override');
    await form.getByLabel('Schedule').selectOption('support-ai-oncall');
    await form.getByLabel('Who takes it').selectOption(taker);
    await form.getByLabel('From (UTC)').fill(utcInput(60));
    await form.getByLabel('To (UTC)').fill(utcInput(-60));
    await form.getByRole('button', { name: 'Take the pager' }).click();
    // The server refuses a period that ends before it starts, and says so under the field.
    await form.locator('.field-error', { hasText: 'must be after from' }).waitFor();
    allowRefused(room, 400);
    expect(await form.getByLabel('To (UTC)').getAttribute('aria-invalid')).toBe('true');
    expect(await a11y(page)).toEqual([]);

    await form.getByLabel('From (UTC)').fill(utcInput(-1));
    await form.getByLabel('To (UTC)').fill(utcInput(8 * 60));
    await form.getByLabel('Reason').fill('Covering the night');
    expect(await form.locator('.override-summary').textContent()).toMatch(
      /takes the Support AI primary pager for 8\.?\d*h, for everyone/,
    );
    await form.getByRole('button', { name: 'Take the pager' }).click();
    const added = form.getByRole('status');
    await added.getByText('Put it in firebreak.yaml as well').waitFor();
    expect(await added.locator('pre').textContent()).toMatch(
      /overrides:\n {2}- id: [a-z0-9-]+\n {4}schedule: support-ai-oncall\n {4}person: /,
    );

    const directory = await api.directory();
    expect(directory.directory.overrides).toHaveLength(1);
    const override = directory.directory.overrides[0]!;
    expect(override).toMatchObject({ schedule: 'support-ai-oncall', person: taker, reason: 'Covering the night' });
    const card = page.locator('[data-schedule="support-ai-oncall"]');
    const takerName = testDirectoryName(taker);
    await expect.poll(() => card.locator('.oncall-now').textContent()).toContain(`override ${override.id}`);
    expect(await card.locator('.oncall-now').textContent()).toContain(takerName);
    expect(await card.locator('.shift-list > li').first().textContent()).toContain(takerName);
    expect(await card.locator(`[data-override="${override.id}"]`).textContent()).toContain('Covering the night');
    await shoot(page, 'oncall-override');

    await card.getByRole('button', { name: `Remove override ${override.id}` }).click();
    await card.locator(`[data-override="${override.id}"]`).waitFor({ state: 'detached' });
    await expect.poll(() => card.locator('.oncall-now').textContent()).toContain(before.name ?? 'missing');
    expect((await api.directory()).directory.overrides).toEqual([]);
  });

  it('on a phone: who is on call, the shifts and the people fit the screen; taking the pager waits for a wider one', async () => {
    const { page: phone } = await room.open(PHONE);
    await signIn(phone, room.adminToken);
    await phone.goto('/oncall');
    await phone.locator('[data-schedule="support-ai-oncall"] .oncall-now').waitFor();
    await phone.locator('[data-schedule="support-ai-secondary"] .shift-list > li').nth(5).waitFor();
    await shoot(phone, 'oncall-phone');
    expect(await overflows(phone)).toEqual([]);
    expect(await phone.getByRole('region', { name: 'Take the pager' }).isVisible()).toBe(false);
    expect(await a11y(phone)).toEqual([]);
  });

  it('shows the notification rules, and the channels the matrix uses that cannot deliver', async () => {
    const settings = await api.notificationSettings();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const sev2 = page.locator('.matrix-table tr[data-row="SEV2"]');
    await expect.poll(() => sev2.count()).toBe(2);
    expect(await sev2.first().textContent()).toMatch(/on call.*webhook.*slack · not configured.*at once.*pages/);
    expect(await sev2.nth(1).textContent()).toMatch(/leadership.*within 30m/);
    const slackReady = settings.channels.find((channel) => channel.kind === 'slack')?.configured;
    expect(slackReady).toBe(false);
    expect(await page.locator('.warning', { hasText: 'Some messages would not go out' }).textContent()).toMatch(
      /slack \(for [^)]*SEV2/,
    );
    for (const channel of settings.channels)
      expect(await page.locator(`[data-channel="${channel.kind}"]`).textContent()).toContain(
        channel.configured ? 'configured' : 'not configured',
      );
    const policy = page.locator('[data-policy="support-ai-default"]');
    expect(await policy.textContent()).toMatch(
      /default.*at once.*whoever is on call for Support AI primary.*after 10m.*team Support AI/,
    );
    expect(await page.locator('.audience-list').textContent()).toContain('LeadershipSam Ortiz');
    expect(await page.locator('#cadence-title + p + ul').textContent()).toContain('SEV1: every 30m');
    await shoot(page, 'notifications');
    expect(await a11y(page)).toEqual([]);
    const { page: phone } = await room.open(PHONE);
    await signIn(phone, room.adminToken);
    await phone.goto('/notifications');
    await phone.locator('.matrix-table').waitFor();
    await shoot(phone, 'notifications-phone');
    expect(await a11y(phone)).toEqual([]);
  });

  it('shows an incident’s notifications and who will be told, retries a failed one, and words them on the timeline', async () => {
    const incident = await api.declareIncident({
      title: 'Copilot answers in the wrong customer’s name',
      type: 'privacy_leak',
      severity: 'SEV2',
      systems: ['support-copilot'],
    });
    const onCall = (await api.onCall({ schedule: 'support-ai-oncall' })).onCall[0]!;
    const preview = await api.previewNotifications(incident.id);
    await page.goto(`/incidents/${incident.id}`);
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByRole('heading', { name: 'Who will be told' }).waitFor();
    await panel.locator('.plan-list').waitFor();
    for (const item of preview.notifications)
      expect(await panel.locator('.plan-list').textContent()).toContain(item.recipient.name ?? item.recipient.id);
    // Slack and email are in the matrix but not on this server: the plan says who they miss.
    expect(preview.gaps.some((gap) => gap.reason === 'channel_not_configured')).toBe(true);
    for (const gap of preview.gaps) expect(await panel.locator('.plan-gaps').textContent()).toContain(gap.message);
    expect(await panel.textContent()).toContain('escalation policy support-ai-default runs');

    // The webhook refuses the page for good: the panel and the timeline say so, live.
    const failed = panel.locator('.notification.status-failed');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toContain(`Page to ${onCall.name} by webhook`);
    expect(await failed.textContent()).toContain('410');
    const failure = page.locator('.timeline-entry[data-kind="notification_failed"]');
    await failure.waitFor({ timeout: 10_000 });
    expect(await failure.textContent()).toContain(
      `Could not page ${onCall.name} by webhook (attempt 1); gave up; retry it from the notifications panel`,
    );
    expect(await a11y(page)).toEqual([]);

    webhookStatus = 200;
    await failed.getByRole('button', { name: `Retry Page to ${onCall.name} by webhook` }).click();
    await panel
      .locator('.notification.status-delivered', { hasText: `Page to ${onCall.name}` })
      .waitFor({ timeout: 20_000 });
    await page
      .locator('.timeline-entry[data-kind="notification_delivered"]', { hasText: `Paged ${onCall.name} by webhook` })
      .waitFor({ timeout: 10_000 });
    expect(received.length).toBeGreaterThanOrEqual(2);
    const sent = (await api.incidentNotifications(incident.id)).notifications;
    await expect.poll(() => panel.locator('.notification-list > li').count()).toBe(sent.length);

    const clock = page.getByRole('region', { name: 'Response clocks' });
    expect(await clock.textContent()).toMatch(/Next update\s*in (59|60)m/);
    await shoot(page, 'incident-notifications');
    await page.goto('/incidents');
    const row = page.locator('.incident-table tbody tr', { hasText: incident.id });
    expect(await row.locator('.update-badge').textContent()).toMatch(/^update due in (59|60)m$/);

    // The demo's resolved incident owes no update and is told nothing more.
    expect(await page.locator('.incident-table tbody tr', { hasText: 'INC-1' }).locator('.update-badge').count()).toBe(
      0,
    );
    await page.goto('/incidents/INC-1');
    await panel.getByText('INC-1 is finished: nobody is told anything more about it.').waitFor();
    expect(await panel.getByRole('heading', { name: 'Who will be told' }).count()).toBe(0);
  });

  it('acknowledges from the incident page on a phone, as a responder opening the page from a message would', async () => {
    const incident = await api.declareIncident({
      title: 'Refund answers quote a policy that does not exist',
      type: 'hallucination_spike',
      severity: 'SEV3',
      systems: ['support-copilot'],
    });
    const { page: phone } = await room.open(PHONE);
    await signIn(phone, room.adminToken);
    await phone.goto(`/incidents/${incident.id}`);
    const acknowledge = phone.getByRole('button', { name: 'Acknowledge', exact: true });
    await acknowledge.waitFor();
    // On the first screen, inside it, and big enough for a thumb.
    const box = (await acknowledge.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await phone
      .getByRole('region', { name: 'Notifications' })
      .getByRole('heading', { name: 'Who will be told' })
      .waitFor();
    await phone.locator('.who-will-be-told p').first().waitFor();
    expect(await overflows(phone)).toEqual([]);
    await shoot(phone, 'incident-phone-notifications');
    await acknowledge.tap();
    await acknowledge.waitFor({ state: 'detached' });
    const strip = phone.getByRole('region', { name: `${incident.id} at a glance` });
    await expect.poll(() => strip.textContent()).toMatch(/Acknowledge\s*acknowledged/);
    expect((await api.getIncident(incident.id)).response.acknowledgedBy).toBeTruthy();
  });
});

/** A test person's name by id. */
function testDirectoryName(id: string): string {
  return testDirectory().people?.find((person) => person.id === id)?.name ?? id;
}
