import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, allowRefused, signIn, startWarRoom, type WarRoom } from './harness';

/** Screenshots of this test, where a reviewer looks at them. */
const SHOTS = process.env.LEARN_SHOTS ?? '/tmp/learn-shots';

/** The full page, or for an open dialog the window made tall enough to hold it (as the harness's `shoot`). */
async function shot(page: Page, name: string, options: { dialog?: boolean } = {}): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  if (!options.dialog) {
    await page.screenshot({ path, fullPage: true });
    return;
  }
  const viewport = page.viewportSize() ?? { width: 1280, height: 860 };
  const dialog = page.getByRole('dialog');
  await dialog.evaluate((element) => element.scrollTo(0, 0));
  const height = await dialog.evaluate((element) => element.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height + 60, 3000)) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

/** Whether the page is wider than its window (a phone layout that scrolls sideways is broken). */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * The README tour's SEV1 (PII in the support copilot's answers, raised by the zero-tolerance
 * monitor from telemetry), learned from in the browser: key moments, the postmortem drafted from
 * its own data and edited with the blameless lint, an action verified by replay and closed, the
 * postmortem published and the incident closed through the close gate.
 */
describe('learning from an incident, driven through a browser', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let page: Page;
  let id = '';

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    room = await startWarRoom();
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    page = (await room.open()).page;
    await signIn(page, room.adminToken);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
    console.log(`learn e2e screenshots: ${SHOTS}`);
  });

  it('reaches the README tour’s state through the API: a SEV1 from a PII page, worked and contained', async () => {
    // Ten minutes ago, so the detection window has closed (as the README sends it).
    const ts = new Date(Date.now() - 10 * 60_000).toISOString();
    const response = await fetch(`${room.server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          system: 'support-copilot',
          ts,
          id: 'evt-1',
          confidence: 0.91,
          segment: { region: 'EU' },
          flags: { pii: false },
        },
        {
          system: 'support-copilot',
          ts,
          id: 'evt-2',
          confidence: 0.88,
          segment: { region: 'EU' },
          flags: { pii: true },
        },
      ]),
    });
    expect(response.status).toBe(202);
    let alertId = '';
    await expect
      .poll(
        async () => {
          const { alerts } = await api.listAlerts({ system: 'support-copilot' });
          alertId = alerts.find((alert) => alert.signal === 'flag:pii')?.id ?? '';
          return alertId;
        },
        { timeout: 20_000, interval: 250 },
      )
      .not.toBe('');

    const incident = await api.declareFromAlert(alertId, {
      type: 'privacy_leak',
      severity: 'SEV1',
      title: 'PII in copilot answers',
    });
    id = incident.id;
    await api.acknowledge(id);
    await api.assignRole(id, { role: 'incident_commander', person: 'Dana Reyes' });
    await api.assignRole(id, { role: 'tech_lead', person: 'Sam Ortiz' });
    await api.transition(id, { status: 'active' });
    const evidence = await api.addEvidence(id, {
      kind: 'model_output',
      title: 'Leaking answer',
      mediaType: 'application/json',
      content: '{"answer":"Your order 4411 to 12 Rue Lafayette ships today"}',
    });
    await api.logDecision(id, {
      observation: 'Answers quote other customers’ order numbers',
      hypothesis: 'Retrieval ignores the tenant filter since index v31',
      test: 'Replayed 20 prompts against v30: no leak',
      decision: 'Roll the index back to v30 and hold auto-send',
      evidence: [evidence.id],
    });
    // As the README tour's rule contains it: auto-send killed, so every answer goes to an agent.
    await api.changeControl('support-copilot.auto-send', {
      enabled: false,
      reason: 'Hold answers until the leak is fixed',
      incident: id,
    });
    await api.transition(id, { status: 'contained', reason: 'Index rolled back; auto-send held' });
  });

  it('stars a key moment and marks the cause identified from the war room, then resolves', async () => {
    await page.goto(`/incidents/${id}`);
    await page.getByRole('heading', { level: 1, name: /PII in copilot answers/ }).waitFor();
    const decision = page.locator('.timeline-entry[data-kind="decision_logged"]');
    const star = decision.getByRole('button', { name: /Key moment/ });
    await star.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: /^Cause identified/ }).click();
    const cause = page.getByRole('dialog', { name: 'Cause identified' });
    await cause.getByLabel('Cause').fill('Retrieval index v31 dropped the tenant filter.');
    await cause.getByRole('button', { name: 'Mark cause identified' }).click();
    await cause.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.moments div', { hasText: 'Isolated' }).locator('time').count()).toBe(1);
    await page.locator('.timeline-entry[data-kind="cause_isolated"]').waitFor();

    await page.getByRole('group', { name: 'Move to status' }).getByRole('button', { name: 'resolved' }).click();
    const move = page.getByRole('dialog', { name: /to resolved/ });
    await move.getByLabel(/Reason/).fill('Index v30 back in service with the tenant filter; no leak since.');
    await move.getByRole('button', { name: 'Move to resolved' }).click();
    await move.waitFor({ state: 'detached' });
    await page.locator('.incident-header .status-resolved').waitFor();
  });

  it('will not close before the postmortem is published, and says what is missing', async () => {
    await page.getByRole('group', { name: 'Finished incident' }).getByRole('button', { name: 'Close' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${id}` });
    const missing = dialog.locator('.missing-list');
    await missing.waitFor();
    expect(await missing.locator('[data-requirement="postmortem"]').textContent()).toMatch(/postmortem/i);
    expect(await missing.locator('[data-requirement="residual_risk"]').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: `Close ${id}` }).isDisabled()).toBe(true);
    await shot(page, 'close-dialog-missing', { dialog: true });
    expect(await a11y(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('drafts the postmortem with timeline, figures and factors filled from the incident', async () => {
    await page.getByRole('button', { name: 'Draft postmortem' }).click();
    await page.waitForURL(new RegExp(`/incidents/${id}/postmortem$`));
    await page.getByRole('heading', { level: 1, name: /Postmortem/ }).waitFor();
    expect(await page.getByTestId('postmortem-status').textContent()).toBe('draft');

    const figures = page.locator('.figure-step');
    expect(await figures.count()).toBe(6);
    for (const label of ['Detected', 'Acknowledged', 'Isolated', 'Contained', 'Resolved'])
      expect(await figures.filter({ hasText: label }).locator('time').count(), label).toBe(1);

    const timeline = page.locator('.pm-section[data-section="timeline"]');
    // The starred decision is the one key moment, so it is what shows first; every moment is a click away.
    expect(await timeline.locator('.moment').first().getAttribute('class')).toContain('key-moment');
    await timeline.getByRole('button', { name: /Show all/ }).click();
    expect(await timeline.locator('.moment').count()).toBeGreaterThan(5);

    const factors = page.locator('.pm-section[data-section="factors"]');
    expect(await factors.locator('.factor').count()).toBeGreaterThan(0);
    await shot(page, 'postmortem-drafted');
    expect(await a11y(page)).toEqual([]);
  });

  it('edits a factor in the matrix, with a citation of the timeline', async () => {
    const factors = page.locator('.pm-section[data-section="factors"]');
    await factors.getByRole('button', { name: /^Edit/ }).click();
    await factors.getByRole('button', { name: 'Add data factor' }).click();
    const cell = factors.locator('fieldset[data-category="data"]');
    await cell.locator('textarea').last().fill('Index v31 was built without the tenant filter the v30 build applied.');
    const picker = cell.getByLabel(/Cite for Data factor/).last();
    const option = await picker
      .locator('option', { hasText: /Decision/ })
      .first()
      .getAttribute('value');
    await picker.selectOption(option ?? '');
    await cell.getByRole('button', { name: 'Add citation' }).last().click();
    await factors.getByRole('button', { name: 'Save factors' }).click();
    await factors.locator('.factor', { hasText: 'without the tenant filter' }).waitFor();
    expect(await factors.locator('.factor', { hasText: 'without the tenant filter' }).textContent()).toMatch(
      /\[#\d+\]/,
    );
  });

  it('marks blameful wording live while typing, with a rewrite to consider', async () => {
    const summary = page.locator('.pm-section[data-section="summary"]');
    await summary.getByRole('button', { name: /^Edit/ }).click();
    const box = summary.getByLabel(/Summary \(Markdown\)/);
    await box.fill('');
    await box.pressSequentially('Dana should have checked the index.', { delay: 20 });
    const marks = summary.getByTestId('lint-marks');
    await marks.locator('.lint-mark').first().waitFor({ timeout: 10_000 });
    expect(await summary.locator('.finding').count()).toBeGreaterThan(0);
    expect(await summary.locator('.finding').first().textContent()).toContain('Consider:');
    await shot(page, 'postmortem-live-lint');

    await box.fill(
      'Index v31 was built without the tenant filter, so the copilot retrieved other customers’ tickets; the zero-tolerance PII monitor paged within minutes.',
    );
    await expect.poll(() => summary.locator('.lint-clean').textContent(), { timeout: 10_000 }).toMatch(/no findings/);
    await summary.getByRole('button', { name: 'Save Summary' }).click();
    await summary.locator('.markdown', { hasText: 'Index v31 was built' }).waitFor();
  });

  it('says when someone else saved first (409), loads theirs and keeps what was typed', async () => {
    const section = page.locator('.pm-section[data-section="went_badly"]');
    await section.getByRole('button', { name: /^Edit/ }).click();
    const box = section.getByLabel(/What went badly \(Markdown\)/);
    await box.fill('The index build had no check that each tenant’s filter survived.');
    // Meanwhile another responder saves another section: the postmortem's version moves on.
    const current = await api.request<{ version: number }>('GET', `/api/v1/incidents/${id}/postmortem`);
    await api.request('PUT', `/api/v1/incidents/${id}/postmortem/sections/lucky`, {
      body: 'The leak was caught by the zero-tolerance monitor within minutes.',
      version: current.version,
    });
    await section.getByRole('button', { name: 'Save What went badly' }).click();
    await section.getByRole('alert').filter({ hasText: 'Someone else edited this postmortem' }).waitFor();
    allowRefused(room, 409);
    expect(await box.inputValue()).toContain('no check that each tenant');
    await page
      .locator('.pm-section[data-section="lucky"] .markdown', { hasText: 'caught by the zero-tolerance' })
      .waitFor();
    await section.getByRole('button', { name: 'Save What went badly' }).click();
    await section.locator('.markdown', { hasText: 'no check that each tenant' }).waitFor();
  });

  it('adds an action with a replay verification, verifies it (PASSED) and closes it', async () => {
    const form = page.getByRole('form', { name: 'Add an action' });
    await form.getByLabel('Title').fill('Zero-tolerance PII monitor pages on copilot answers');
    await form.getByLabel('Category').selectOption('monitoring');
    await form.getByLabel(/^Owner/).fill('dana-reyes');
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel(/^Due/).fill(due);
    await form.getByLabel('Kind').selectOption('replay');
    await form.getByLabel(/^Within/).fill('10m');
    await form.getByRole('button', { name: 'Add action' }).click();

    const drawer = page.getByRole('dialog', { name: /^ACT-\d+ Zero-tolerance PII monitor/ });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Verify', exact: true }).click();
    const result = drawer.getByTestId('verify-result').first();
    await expect.poll(() => result.locator('.verdict-word').textContent(), { timeout: 20_000 }).toBe('PASSED');
    expect(await result.locator('.result-details').textContent()).toMatch(/\d/);
    await shot(page, 'action-verified', { dialog: true });

    await drawer.getByRole('button', { name: /^Close ACT-\d+/ }).click();
    await expect.poll(() => drawer.locator('.action-status').first().textContent()).toBe('closed');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await page.locator('.incident-capa .action-closed').waitFor();
  });

  it('shows a refused close of an action with the server’s reason', async () => {
    const added = await api.request<{ id: string }>('POST', `/api/v1/incidents/${id}/actions`, {
      title: 'Eval gate for tenant filters in index builds',
      category: 'evaluation_gates',
      type: 'preventive',
    });
    await page.goto(`/actions?tab=open&action=${added.id}`);
    const drawer = page.getByRole('dialog', { name: new RegExp(`^${added.id}`) });
    await drawer.getByRole('button', { name: `Close ${added.id}` }).click();
    await expect.poll(() => drawer.getByRole('alert').textContent()).toMatch(/Not closed\..*verif/i);
    allowRefused(room, 409);
  });

  it('publishes the postmortem, accepting with a reason the one finding left (the action not yet planned)', async () => {
    await page.goto(`/incidents/${id}/postmortem`);
    await page.getByRole('group', { name: 'Postmortem status' }).getByRole('button', { name: 'Publish' }).click();
    const refused = page.locator('.publish-findings');
    await refused.waitFor();
    allowRefused(room, 400);
    // The action added without owner, date or verification is what the lint finds.
    expect(await refused.locator('.finding').textContent()).toMatch(/actions\.ACT-\d+/);
    await shot(page, 'postmortem-publish-findings');
    await refused.getByLabel('Reason to publish anyway').fill('The eval gate is planned at Monday’s review.');
    await refused.getByRole('button', { name: 'Publish anyway' }).click();
    await expect.poll(() => page.getByTestId('postmortem-status').textContent()).toBe('published');
    await page.getByRole('button', { name: 'Preview' }).last().click();
    const preview = page.getByRole('article', { name: /as exported/ });
    await preview.locator('.md-table').first().waitFor();
    expect(await preview.textContent()).toContain('Index v31 was built without the tenant filter');
    await shot(page, 'postmortem-published');
  });

  it('shows the demo’s INC-1 as a related incident: same system, same factor layer, its overdue action', async () => {
    await page.getByRole('link', { name: id }).first().click();
    const related = page.getByRole('region', { name: /Related incidents/ });
    const inc1 = related.locator('[data-incident="INC-1"]');
    await inc1.waitFor();
    expect(await inc1.textContent()).toMatch(/prompt and guardrails factors/);
    expect(await inc1.locator('.overdue-badge').count()).toBeGreaterThan(0);
    await shot(page, 'incident-related');
    expect(await a11y(page)).toEqual([]);
  });

  it('accepts the residual risk in the close dialog and closes the incident', async () => {
    await page.getByRole('group', { name: 'Finished incident' }).getByRole('button', { name: 'Close' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${id}` });
    await dialog.locator('[data-requirement="residual_risk"]').waitFor();
    expect(await dialog.locator('[data-requirement="postmortem"]').count()).toBe(0);
    const risk = dialog.getByRole('form', { name: 'Accept the residual risk' });
    await risk.getByLabel('Accepted by').fill('Dana Reyes');
    await risk
      .getByLabel('Risk that remains')
      .fill('Older indexes are unaudited; answers stay on review until they are.');
    await risk.getByRole('button', { name: 'Record acceptance' }).click();
    await dialog.getByText(/Ready to close/).waitFor();
    await shot(page, 'close-dialog-ready', { dialog: true });
    await dialog.getByRole('button', { name: `Close ${id}` }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.incident-header .status-closed').waitFor();
  });

  it('lets an admin waive what a SEV2 lacks, with a reason, and then close it', async () => {
    const sev2 = await api.declareIncident({
      title: 'Copilot tone complaints after prompt v7',
      type: 'hallucination_spike',
      severity: 'SEV2',
      systems: ['support-copilot'],
    });
    await api.acknowledge(sev2.id);
    await api.assignRole(sev2.id, { role: 'incident_commander', person: 'Lee Park' });
    await api.transition(sev2.id, { status: 'active' });
    await api.transition(sev2.id, { status: 'resolved', reason: 'Prompt v6 back; complaints stopped.' });
    await page.goto(`/incidents/${sev2.id}`);
    await page.getByRole('group', { name: 'Finished incident' }).getByRole('button', { name: 'Close' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${sev2.id}` });
    await dialog.locator('[data-requirement="postmortem"]').waitFor();
    await dialog.getByRole('button', { name: 'Waive as admin…' }).click();
    const waiver = dialog.getByRole('form', { name: 'Waive what is missing' });
    await waiver.getByLabel('Why it is waived').fill('Reviewed with INC-1’s postmortem; same prompt release.');
    await waiver.getByRole('button', { name: 'Waive', exact: true }).click();
    await dialog.getByText(/Ready to close/).waitFor();
    expect(await dialog.locator('.close-facts').textContent()).toMatch(/Waived: Published postmortem/);
    await dialog.getByRole('button', { name: `Close ${sev2.id}` }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.incident-header .status-closed').waitFor();
  });

  it('lists actions by tab, and lays the postmortem and actions pages out for a phone', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Actions' }).waitFor();
    await page.getByRole('tab', { name: 'Overdue' }).click();
    // The demo's INC-1 left an action overdue.
    const overdue = page.getByRole('row', { name: /INC-1/ }).first();
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain('OVERDUE');
    await page.getByRole('tab', { name: 'All open' }).click();
    // The verified action is closed; the one that could not close is still open.
    await page.getByRole('row', { name: /Eval gate for tenant filters/ }).waitFor();
    expect(await page.getByRole('row', { name: /Zero-tolerance PII monitor/ }).count()).toBe(0);
    expect(await a11y(page)).toEqual([]);
    await shot(page, 'actions-desktop');

    const phone = (await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).page;
    await signIn(phone, room.adminToken);
    await phone.goto(`/incidents/${id}/postmortem`);
    await phone.getByRole('heading', { level: 1, name: /Postmortem/ }).waitFor();
    await phone.locator('.figure-step').first().waitFor();
    expect(await overflowsSideways(phone)).toBe(false);
    await shot(phone, 'postmortem-phone');
    // One screen at a time, as a phone shows it.
    await phone.screenshot({ path: join(SHOTS, 'postmortem-phone-top.png') });
    for (const section of ['timeline', 'factors']) {
      await phone.locator(`.pm-section[data-section="${section}"]`).scrollIntoViewIfNeeded();
      await phone.screenshot({ path: join(SHOTS, `postmortem-phone-${section}.png`) });
    }
    await phone.locator('.incident-capa').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SHOTS, 'postmortem-phone-actions.png') });
    await phone.goto('/actions?tab=open');
    await phone.getByRole('heading', { level: 1, name: 'Actions' }).waitFor();
    expect(await overflowsSideways(phone)).toBe(false);
    await shot(phone, 'actions-phone');
  });
});
