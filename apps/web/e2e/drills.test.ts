import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const SCENARIO = 'copilot-retrieval-pii-leak';
const REAL = 'support-copilot';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** An HTTP receiver that records every body posted to it (with its path) and answers 204. */
async function receiver(): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(`${request.url} ${Buffer.concat(chunks).toString('utf8')}`);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

/** What on the page reaches past the window's right edge (a table may scroll inside its wrap). */
const overflows = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && !element.closest('.table-wrap');
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
  });

/**
 * The Done-means of drills, in a browser: a live-fire drill from the library, set up and run by
 * the facilitator from the Drills page at ×60; the scenario's telemetry goes through the real
 * monitors until an alert fires on the exercise space; the participant declares from it in the
 * normal war room and contains it with the drill's own kill switch; the scorecard shows the
 * times; the facilitator ends it and the hotwash files an action. Throughout, the real system's
 * controls, the real incident list and the real channel are untouched.
 */
describe('a live-fire drill in the war room', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let facilitator: Page;
  let participant: Page;
  let real: Awaited<ReturnType<typeof receiver>>;
  let drillChannel: Awaited<ReturnType<typeof receiver>>;
  let drill = '';
  let space = '';
  let incident = '';
  let realIncidents = 0;
  let realControls: unknown;
  let realHygiene: unknown;

  beforeAll(async () => {
    real = await receiver();
    drillChannel = await receiver();
    // The real channels: Slack (which the demo's notification matrix pages on) and a webhook
    // (whose secret also signs the drill channel's messages), both into one receiver that must
    // hear nothing.
    room = await startWarRoom({
      channels: {
        slack: { webhookUrl: `${real.url}/slack` },
        webhook: { url: `${real.url}/webhook`, secret: `whsec_${randomBytes(32).toString('base64')}` },
      },
    });
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    realIncidents = (await api.listIncidents({ exercise: 'exclude' })).total;
    realControls = (await api.listControls([REAL])).controls;
    realHygiene = await hygiene();
    facilitator = (await room.open()).page;
    participant = (await room.open()).page;
    await signIn(facilitator, room.adminToken);
    await signIn(participant, room.adminToken);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
    await new Promise((resolve) => real?.server.close(resolve));
    await new Promise((resolve) => drillChannel?.server.close(resolve));
  });

  /** Alert precision per monitor (alert hygiene), a real metric: drills' alerts never count in it. */
  async function hygiene() {
    const response = await fetch(`${room.server.url}/api/v1/alerts/hygiene`, {
      headers: { authorization: `Bearer ${room.adminToken}` },
    });
    return ((await response.json()) as { monitors: unknown[] }).monitors;
  }

  it('sets up a live-fire drill from the library on the Drills page', async () => {
    await facilitator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drills' }).click();
    await facilitator.getByRole('heading', { name: 'Drills', level: 1 }).waitFor();
    await facilitator.getByRole('heading', { name: 'No drills yet' }).waitFor();
    await facilitator.getByRole('button', { name: 'New drill' }).click();
    const form = facilitator.getByRole('form', { name: 'New drill' });
    await form.getByLabel('Scenario').selectOption(SCENARIO);
    expect(await form.getByRole('note', { name: 'Scenario summary' }).textContent()).toContain(REAL);
    expect(await form.getByRole('radio', { name: 'live fire' }).isChecked()).toBe(true);
    await form.getByLabel(/^Speed/).selectOption('60');
    await form.getByLabel(/^Drill channel/).fill(drillChannel.url);
    expect(await a11y(facilitator)).toEqual([]);
    await shoot(facilitator, 'drill-new');
    await form.getByRole('button', { name: 'Set up live fire drill' }).click();

    await facilitator.waitForURL(/\/drills\/DRL-\d+$/);
    drill = facilitator.url().split('/').pop()!;
    await facilitator.getByRole('heading', { level: 1, name: new RegExp(`^${drill} `) }).waitFor();
    const created = await api.getExercise(drill);
    space = created.space.system;
    expect(space).toBe(`${REAL}-drill-${drill.slice(4)}`);
    expect(created).toMatchObject({
      status: 'ready',
      mode: 'live_fire',
      clock: { speed: 60 },
      channel: drillChannel.url,
    });
    expect(await facilitator.locator('.drill-clock').getAttribute('data-status')).toBe('ready');
    // The brief: objectives, and the injects with when each falls due.
    expect(await facilitator.locator('.drill-scenario li').count()).toBeGreaterThan(0);
    expect(await facilitator.locator('.inject').count()).toBe(created.injects.length);
  });

  it('starts the clock at ×60, and the scenario’s telemetry raises a real alert on the exercise space', async () => {
    await facilitator.getByRole('button', { name: 'Start drill' }).click();
    await facilitator.locator('.drill-clock[data-status="running"]').waitFor();
    expect(await facilitator.locator('.drill-speed').textContent()).toBe('×60');
    // The drill clock runs at a drill minute a second.
    const before = await facilitator.getByRole('timer', { name: 'Drill time' }).textContent();
    await expect.poll(() => facilitator.getByRole('timer', { name: 'Drill time' }).textContent()).not.toBe(before);

    // The participant, in the normal alerts list: the alert arrives marked as a drill's.
    await participant.goto('/alerts');
    const row = participant.getByRole('row').filter({ has: participant.locator('.drill-badge') });
    await row.first().waitFor({ timeout: 90_000 });
    expect(await row.first().textContent()).toContain(space);
    expect(await row.first().locator('.drill-badge').textContent()).toBe(`DRILL ${drill}`);
    await shoot(participant, 'drill-alerts');
    await row
      .first()
      .getByRole('link', { name: /^ALR-\d+ / })
      .click();
    await participant.locator(`.drill-banner[data-exercise="${drill}"]`).waitFor();
    // The scorecard saw the alert.
    await expect
      .poll(() => facilitator.locator('[data-score-item="detect"] .score-actual').textContent(), { timeout: 10_000 })
      .toMatch(/after onset/);
  });

  it('declares from the alert in the war room: the incident is the drill’s, marked DRILL', async () => {
    const alertId = (await participant.locator('.breadcrumb [aria-current="page"]').textContent())!;
    await participant.getByRole('button', { name: 'Open incident' }).click();
    const dialog = participant.getByRole('dialog', { name: `Open an incident from ${alertId}` });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /^privacy leak/ }).check();
    await dialog.getByRole('radio', { name: /^SEV1/ }).check();
    await dialog.getByLabel(/Title/).fill('Copilot answers quote another customer’s address (drill)');
    await dialog.getByRole('button', { name: 'Open SEV1 incident' }).click();
    await participant.waitForURL(/\/incidents\/INC-\d+$/);
    incident = participant.url().split('/').pop()!;
    await participant.getByRole('heading', { level: 1, name: /another customer’s address/ }).waitFor();
    expect(await participant.locator('.incident-header .drill-banner').textContent()).toContain(`drill ${drill}`);
    expect(await participant.locator('.incident-header .drill-badge').textContent()).toBe(`DRILL ${drill}`);
    expect((await api.getIncident(incident)).exercise).toBe(drill);
  });

  it('contains with the exercise space’s own kill switch, through the controls panel', async () => {
    const key = `${space}.auto-send`;
    const control = participant.locator(`tr[data-control="${key}"]`);
    await control.waitFor();
    expect(await control.locator('.drill-badge').textContent()).toBe(`DRILL ${drill}`);
    // Only the drill's copies are offered: the real system's controls are not on this incident.
    expect(await participant.locator(`tr[data-control="${REAL}.auto-send"]`).count()).toBe(0);
    await participant.getByRole('button', { name: `Kill ${key}` }).click();
    const dialog = participant.getByRole('dialog', { name: `Kill ${key}` });
    await dialog.getByLabel('Reason').fill('Stop sending answers while the leak is open');
    await dialog.getByRole('button', { name: 'Kill auto-send' }).click();
    await dialog.getByText('Applied.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => control.locator('.control-state').textContent()).toContain('off');

    await participant.getByRole('group', { name: 'Move to status' }).getByRole('button', { name: 'contained' }).click();
    const move = participant.getByRole('dialog', { name: /to contained/ });
    await move.getByLabel(/Reason/).fill('Auto-send killed in the drill space');
    await move.getByRole('button', { name: 'Move to contained' }).click();
    await move.waitFor({ state: 'detached' });
    await participant.locator('.incident-header .status-contained').waitFor();
    await shoot(participant, 'drill-incident');
    expect(await a11y(participant)).toEqual([]);
  });

  it('fills the facilitator’s scorecard with the times to declare and contain', async () => {
    const actual = (item: string) => facilitator.locator(`[data-score-item="${item}"] .score-actual`);
    await expect.poll(() => actual('declare').textContent(), { timeout: 10_000 }).toMatch(/after onset/);
    await expect.poll(() => actual('contain').textContent(), { timeout: 10_000 }).toMatch(/after onset/);
    expect(await facilitator.locator('[data-score-item="classify"]').getAttribute('data-met')).toBe('true');
    expect(await facilitator.locator('.drill-space').textContent()).toContain(incident);
    expect(await a11y(facilitator)).toEqual([]);
    await shoot(facilitator, 'drill-running');
  });

  it('ends the drill, and the hotwash files a tracked action; the report shows it', async () => {
    await facilitator.getByRole('button', { name: 'End drill' }).click();
    await facilitator.getByLabel(/Why end now/).fill('Contained: objectives covered');
    await facilitator.getByRole('button', { name: 'End the drill and score it' }).click();
    await facilitator.locator('.drill-clock[data-status="ended"]').waitFor();

    const form = facilitator.getByRole('form', { name: 'Hotwash' });
    const first = form.locator('[data-finding-index="0"]');
    await first.getByLabel('Observation').fill('The kill switch of the drill space was found and used within minutes.');
    const second = form.locator('[data-finding-index="1"]');
    await second.getByLabel('Observation').fill('Nobody knew who holds the privacy role.');
    await second.getByRole('checkbox', { name: 'Create an action' }).check();
    await second.getByLabel('Action title').fill('Seat a privacy lead on the copilot rota');
    await second.getByLabel(/^Owner/).fill('dana-reyes');
    await form.getByRole('button', { name: 'Record the hotwash' }).click();

    const action = facilitator.locator('.hotwash-findings a');
    await action.waitFor();
    const actionId = (await action.textContent())!;
    expect(actionId).toMatch(/^ACT-\d+$/);
    const response = await fetch(`${room.server.url}/api/v1/actions/${actionId}`, {
      headers: { authorization: `Bearer ${room.adminToken}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: actionId,
      incidentId: incident,
      title: 'Seat a privacy lead on the copilot rota',
      owner: 'dana-reyes',
      systems: [REAL],
    });

    const report = facilitator.locator('.drill-report');
    await report.getByText(`Drill report: ${drill}`).waitFor();
    // Read once the drill ended, the report is read again after the hotwash.
    await expect.poll(() => report.textContent()).toContain(actionId);
    const download = facilitator.waitForEvent('download');
    await report.getByRole('button', { name: 'Download (.md)' }).click();
    expect((await download).suggestedFilename()).toBe(`${drill}-${SCENARIO}.md`);
    expect(await a11y(facilitator)).toEqual([]);
    await shoot(facilitator, 'drill-ended');

    await facilitator.getByRole('link', { name: 'Drills' }).first().click();
    const listed = facilitator.locator(`tr[data-drill="${drill}"]`);
    await listed.waitFor();
    await expect.poll(() => listed.textContent()).toMatch(/ended/);
    expect(await listed.textContent()).toMatch(/\d+\/100/);
  });

  it('left the real system, its incident list, its metrics and its channels untouched', async () => {
    expect((await api.listControls([REAL])).controls).toEqual(realControls);
    const excluded = await api.listIncidents({ exercise: 'exclude' });
    expect(excluded.total).toBe(realIncidents);
    expect(excluded.incidents.some((row) => row.id === incident)).toBe(false);
    expect(await hygiene()).toEqual(realHygiene);

    // The war room's list leaves drills out unless asked for.
    await participant.goto('/incidents');
    await participant.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    await participant.locator('.incident-table, .empty-state').first().waitFor();
    expect(await participant.getByRole('link', { name: /another customer’s address/ }).count()).toBe(0);
    await participant.getByLabel('Drills').selectOption('only');
    const row = participant.getByRole('row').filter({ hasText: incident });
    await row.waitFor();
    expect(await row.locator('.drill-badge').textContent()).toBe(`DRILL ${drill}`);

    // The matrix told people about the drill's incident on Slack, as it would a real one; every
    // message went to the drill channel instead, marked, and nothing reached a real channel.
    const notifications = (await api.incidentNotifications(incident)).notifications;
    expect(notifications.length).toBeGreaterThan(0);
    expect(notifications.every((row) => row.channel === 'webhook' && row.recipient === drillChannel.url)).toBe(true);
    await expect
      .poll(
        async () =>
          (await api.incidentNotifications(incident)).notifications.filter(
            (row) => row.status === 'pending' || row.status === 'delivering',
          ).length,
        { timeout: 15_000 },
      )
      .toBe(0);
    expect(real.bodies).toEqual([]);
    expect(drillChannel.bodies.length).toBeGreaterThan(0);
    for (const body of drillChannel.bodies) expect(body).toContain(`DRILL ${drill}`);
    expect(drillChannel.bodies.some((body) => body.includes(`[DRILL ${drill}] Copilot answers quote`))).toBe(true);
  });

  it('reads on a phone: the drill page and the DRILL marks fit the width', async () => {
    const phone = (await room.open(PHONE)).page;
    await signIn(phone, room.adminToken);
    await phone.goto(`/drills/${drill}`);
    await phone.locator('.drill-scorecard').waitFor();
    await phone.locator('.drill-report').getByText(`Drill report: ${drill}`).waitFor();
    expect(await overflows(phone)).toEqual([]);
    expect(await a11y(phone)).toEqual([]);
    await shoot(phone, 'drill-phone');
    await phone.goto('/drills');
    await phone.locator(`li[data-drill="${drill}"]`).waitFor();
    expect(await overflows(phone)).toEqual([]);
    await phone.goto(`/incidents/${incident}`);
    await phone.locator('.drill-banner').waitFor();
    expect(await overflows(phone)).toEqual([]);
  });
});
