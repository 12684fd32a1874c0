import { FirebreakClient } from '@firebreak/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { a11y, allowRefused, SCREENSHOTS, shoot, signIn, startWarRoom, type WarRoom } from './harness';

const KILLED = 'Control: support-copilot.auto-send: on → off (killed)';
const row = (page: Page, key: string) => page.locator(`tr[data-control="${key}"]`);

/** Waits until the page follows both live feeds (its timeline, and the layout's alerts and controls). */
async function waitLive(page: Page): Promise<void> {
  await page.locator('.timeline-panel [data-live-state="open"]').waitFor();
  await page.locator('.controls-panel [data-live-state="open"]').waitFor();
}

describe('containment from the war room, driven through a browser', () => {
  let room: WarRoom;
  let api: FirebreakClient;
  let a: Page;
  let b: Page;
  let incidentUrl = '';
  let secondToken = '';

  beforeAll(async () => {
    room = await startWarRoom();
    api = new FirebreakClient({ baseUrl: room.server.url, token: room.adminToken });
    // A second person: approvals need another token and another name, of the support-ai team that
    // owns the copilot (docs/adr/0026-who-may-change-a-control.md).
    secondToken = (await api.createToken({ name: 'priya', role: 'responder' })).token;
    const incident = await api.declareIncident({
      title: 'Copilot auto-sends answers with other customers’ addresses',
      type: 'privacy_leak',
      severity: 'SEV3',
      systems: ['support-copilot'],
    });
    incidentUrl = `/incidents/${incident.id}`;
    a = (await room.open()).page;
    await signIn(a, room.adminToken);
  });
  afterEach(() => {
    expect(room.problems).toEqual([]);
  });
  afterAll(async () => {
    await room?.close();
    console.log(`web e2e screenshots: ${SCREENSHOTS}`);
  });

  it('shows the incident’s controls in plain words, and k takes the keyboard there', async () => {
    await a.goto(incidentUrl);
    await a.getByRole('heading', { level: 1, name: /other customers’ addresses/ }).waitFor();
    await row(a, 'support-copilot.auto-send').waitFor();
    await a.locator('body').press('k');
    await expect.poll(() => a.evaluate(() => document.activeElement?.id)).toBe('controls');
    expect(await row(a, 'support-copilot.auto-send').textContent()).toMatch(/auto-send.*kill switch.*on/);
    expect(await row(a, 'support-copilot.prompt').textContent()).toMatch(
      /support-answer-v6.*sam.*v7 drops the policy excerpt/,
    );
    expect(await row(a, 'support-copilot.review').textContent()).toContain('0% of traffic, and any item with flag pii');
    await a.locator('.controls-panel [data-live-state="open"]').waitFor();
    await a.locator('.controls-panel').screenshot({ path: `${SCREENSHOTS}/controls-panel.png` });
    expect(await a11y(a)).toEqual([]);
  });

  it('kills auto-send with a reason, previews the effect, and a second browser sees it live', async () => {
    ({ page: b } = await room.open());
    await signIn(b, secondToken);
    await b.goto(incidentUrl);
    await waitLive(b);
    await waitLive(a);
    await b.evaluate(() => Object.assign(window, { notReloaded: true }));

    await a.getByRole('button', { name: 'Kill support-copilot.auto-send' }).click();
    const dialog = a.getByRole('dialog', { name: 'Kill support-copilot.auto-send' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('control-preview').textContent()).toContain(
      'support-copilot.auto-send: on → off (killed)',
    );
    const kill = dialog.getByRole('button', { name: 'Kill auto-send' });
    expect(await kill.isDisabled()).toBe(true);
    await dialog
      .getByLabel('Reason')
      .fill('Answers carry other customers’ addresses; agents read every draft until fixed');
    await dialog.getByRole('radio', { name: '4 hours' }).check();
    await dialog
      .getByTestId('control-preview')
      .getByText(/Reverts to on at (\w{3} \d{1,2} )?\d\d:\d\d UTC · (\w{3} \d{1,2} )?\d\d:\d\d local unless renewed/)
      .waitFor();
    expect(await dialog.getByRole('checkbox', { name: /Link to INC-2/ }).isChecked()).toBe(true);
    await shoot(a, 'control-dialog-preview', { dialog: true });
    expect(await a11y(a)).toEqual([]);
    await kill.click();
    await dialog.getByText('Applied.').waitFor();
    expect(await dialog.getByRole('status').textContent()).toMatch(
      /support-copilot.auto-send is now off \(killed\)\. Apps following it obey it within a second\..*reverts at .*On INC-2’s timeline/,
    );
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row(a, 'support-copilot.auto-send').textContent()).toMatch(
      /off \(killed\).*Temporary: reverts to on at/,
    );

    await b.locator('.timeline-entry', { hasText: KILLED }).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => row(b, 'support-copilot.auto-send').textContent(), { timeout: 10_000 })
      .toContain('off (killed)');
    expect(await b.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await a.locator('.timeline-entry', { hasText: KILLED }).textContent()).toContain('agents read every draft');

    await a.getByRole('button', { name: 'Renew support-copilot.auto-send' }).click();
    const renew = a.getByRole('dialog', { name: 'Renew support-copilot.auto-send' });
    await renew.getByRole('radio', { name: 'Custom' }).check();
    await renew.getByLabel('Duration').fill('6h');
    await renew.getByText(/New revert time: (\w{3} \d{1,2} )?\d\d:\d\d UTC/).waitFor();
    await renew.getByLabel('Reason').fill('Fix still in review');
    await renew.getByRole('button', { name: 'Renew auto-send' }).click();
    await renew.waitFor({ state: 'detached' });
    await a
      .locator('.timeline-entry', { hasText: 'Control renewed: support-copilot.auto-send' })
      .waitFor({ timeout: 10_000 });
  });

  it('raised to SEV1, re-enabling waits for a second person', async () => {
    await a.getByRole('button', { name: 'Change severity' }).click();
    const severity = a.getByRole('dialog', { name: /Change severity/ });
    await severity.getByRole('radio', { name: /^SEV1/ }).check();
    await severity.getByLabel('Reason').fill('Addresses are personal data: a privacy leak');
    await severity.getByRole('button', { name: 'Change' }).click();
    await severity.waitFor({ state: 'detached' });
    await a.locator('.incident-header .sev-sev1').waitFor();

    // First the recovery gate: lifting containment of the SEV1 is refused, naming what is missing.
    await a.getByRole('button', { name: 'Re-enable support-copilot.auto-send' }).click();
    const early = a.getByRole('dialog', { name: 'Re-enable support-copilot.auto-send' });
    await early.getByLabel('Reason').fill('Retrieval filter fixed');
    await early.getByRole('button', { name: 'Ask to re-enable auto-send' }).click();
    await early.getByText(/recovery gate not passed, so traffic on support-copilot may not widen yet/).waitFor();
    allowRefused(room, 409);
    await shoot(a, 'control-refused-recovery-gate', { dialog: true });
    await early.getByRole('button', { name: 'Cancel' }).click();
    await early.waitFor({ state: 'detached' });
    await a.locator('#recovery [data-item="smoke-test"][data-state="pending"]').waitFor();

    // The gate passes: contained, clean answers since, replayed through the monitors; a smoke
    // test attested by Priya (not by who lifts it).
    const id = incidentUrl.split('/').at(-1)!;
    const contained = await api.transition(id, { status: 'contained' });
    const since = Date.parse(contained.metrics.containedAt!);
    // Sixty clean answers in the second after containment, sent once that second is over.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, since + 1_200 - Date.now())));
    await api.sendTelemetry(
      Array.from({ length: 60 }, (_, i) => ({
        system: 'support-copilot',
        ts: new Date(since + 10 + i * 15).toISOString(),
        id: `clean-${i}`,
        kind: 'generation' as const,
        flags: { pii: false },
      })),
    );
    await a.locator('#recovery [data-item="replay-failing-inputs"]').getByRole('button', { name: 'Run check' }).click();
    await a.locator('#recovery [data-item="replay-failing-inputs"][data-state="passed"]').waitFor({ timeout: 15_000 });
    const priya = new FirebreakClient({ baseUrl: room.server.url, token: secondToken });
    await priya.request('POST', `/api/v1/incidents/${id}/recovery/checks`, {
      item: 'smoke-test',
      url: 'https://ci.example.com/runs/42',
    });
    await a.reload();
    await a.locator('#recovery [data-item="smoke-test"][data-state="passed"]').waitFor();
    await a.locator('#recovery').screenshot({ path: `${SCREENSHOTS}/recovery-gate-passed.png` });
    expect(await a11y(a)).toEqual([]);

    await a.getByRole('button', { name: 'Re-enable support-copilot.auto-send' }).click();
    const dialog = a.getByRole('dialog', { name: 'Re-enable support-copilot.auto-send' });
    await dialog.getByLabel('Reason').fill('Retrieval filter fixed; 200 replayed answers clean');
    await dialog
      .getByText(/Will wait for a second person: re-enabling a killed capability during open INC-2 \(SEV1\)/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Ask to re-enable auto-send' }).click();
    await dialog.getByText(/Waiting for approval \(APR-1\)/).waitFor();
    expect(await dialog.getByRole('status').textContent()).toMatch(
      /Re-enabling a killed capability during open INC-2 \(SEV1\) needs a second person’s approval\. Nothing has changed yet/,
    );
    await shoot(a, 'control-pending-approval', { dialog: true });
    expect(await a11y(a)).toEqual([]);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const pending = a.locator('[data-approval="APR-1"]');
    await pending.waitFor();
    expect(await pending.textContent()).toMatch(
      /support-copilot.auto-send: off \(killed\) → on.*You asked: someone else approves/,
    );
    expect(await a.getByRole('button', { name: 'Approve APR-1' }).count()).toBe(0);
    expect(await row(a, 'support-copilot.auto-send').textContent()).toContain('off (killed)');
  });

  it('a second responder approves it, and it is applied for both', async () => {
    const approve = b.getByRole('button', { name: 'Approve APR-1' });
    await approve.waitFor({ timeout: 15_000 });
    await b.locator('.approvals').screenshot({ path: `${SCREENSHOTS}/control-approval-second-person.png` });
    await approve.click();
    const dialog = b.getByRole('dialog', { name: 'Approve APR-1' });
    expect(await dialog.textContent()).toMatch(/Asked by.*admin.*Retrieval filter fixed/);
    await dialog.getByLabel(/Reason/).fill('Checked the replay myself');
    await dialog.getByRole('button', { name: 'Approve APR-1' }).click();
    await dialog.getByText('Applied.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row(b, 'support-copilot.auto-send').locator('.control-state').textContent()).toBe('on');
    // The change is the asker's (admin), approved by priya.
    expect(await row(b, 'support-copilot.auto-send').textContent()).toMatch(
      /admin · just now.*Retrieval filter fixed.*approved by priya/,
    );
    await expect
      .poll(() => row(a, 'support-copilot.auto-send').textContent(), { timeout: 10_000 })
      .not.toContain('killed');
    await a
      .locator('.timeline-entry', { hasText: 'Control: support-copilot.auto-send: off (killed) → on' })
      .getByText(/approved by priya/)
      .waitFor({ timeout: 10_000 });
    await a.locator('[data-approval="APR-1"]').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('rolls a route back to its last known-good version', async () => {
    await a.getByRole('button', { name: 'Roll back support-copilot.prompt' }).click();
    const dialog = a.getByRole('dialog', { name: 'Roll back support-copilot.prompt' });
    expect(await dialog.getByLabel('Roll back to').inputValue()).toBe('');
    expect(await dialog.getByTestId('control-preview').textContent()).toContain(
      'support-copilot.prompt: support-answer-v6 → support-answer-v5',
    );
    await dialog.getByLabel('Reason').fill('v6 also retrieves across customers on long threads');
    await dialog.getByRole('button', { name: 'Roll back prompt' }).click();
    await dialog.getByText('Applied.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => row(a, 'support-copilot.prompt').textContent()).toMatch(/^prompt.*support-answer-v5/);
    await a
      .locator('.timeline-entry', { hasText: 'Control: support-copilot.prompt: support-answer-v6 → support-answer-v5' })
      .waitFor({ timeout: 10_000 });
    await b
      .locator('.timeline-entry', { hasText: 'Control: support-copilot.prompt: support-answer-v6 → support-answer-v5' })
      .waitFor({ timeout: 10_000 });
  });

  it('throttles, routes refund answers to review and tightens the filter; a canary during SEV1 says it will wait', async () => {
    const change = async (
      button: string,
      fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
      effect: string,
      submit: string,
    ) => {
      await a.getByRole('button', { name: button }).click();
      const dialog = a.getByRole('dialog', { name: button });
      await fill(dialog);
      await dialog.getByLabel('Reason').fill('Slow the blast radius while the leak is open');
      await expect.poll(() => dialog.getByTestId('control-preview').textContent()).toContain(effect);
      expect(await a11y(a)).toEqual([]);
      await dialog.getByRole('button', { name: submit }).click();
      await dialog.getByText('Applied.').waitFor();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await change(
      'Throttle support-copilot.rate',
      async (dialog) => {
        await dialog.getByLabel('Calls allowed').fill('20');
        await dialog.getByLabel('Per', { exact: true }).fill('1m');
      },
      'support-copilot.rate: unlimited → 20 per 1m per user',
      'Throttle rate',
    );
    await change(
      'Change review support-copilot.review',
      async (dialog) => {
        await dialog.getByLabel(/Share of all traffic/).fill('10');
        await dialog.getByLabel('Condition', { exact: true }).selectOption('segment');
        await dialog.getByLabel('Value', { exact: true }).fill('topic=refund');
        await dialog.getByRole('button', { name: 'Add condition' }).click();
        await dialog.getByRole('button', { name: 'Remove condition segment topic=refund' }).waitFor();
      },
      '→ 10% of traffic, and any item with flag pii or topic=refund',
      'Change review review',
    );
    await change(
      'Filter level support-copilot.filter',
      async (dialog) => dialog.getByRole('radio', { name: /^strict/ }).check(),
      'support-copilot.filter: standard → strict',
      'Filter level filter',
    );
    expect(await row(a, 'support-copilot.rate').textContent()).toContain('20 per 1m per user');
    expect(await row(a, 'support-copilot.filter').locator('.control-state').textContent()).toBe('strict');

    await a.getByRole('button', { name: 'Canary support-copilot.prompt' }).click();
    const canary = a.getByRole('dialog', { name: 'Canary support-copilot.prompt' });
    await canary.getByLabel('Canary version').selectOption('support-answer-v7');
    await canary.getByLabel(/Share of traffic/).fill('5');
    await canary.getByLabel('Reason').fill('Try the fixed v7 on a few users');
    expect(await canary.getByTestId('control-preview').textContent()).toMatch(
      /support-answer-v5 → support-answer-v5, canary support-answer-v7 at 5% by user.*Will wait for a second person: sending more traffic to a newer version during open INC-2 \(SEV1\)/,
    );
    expect(await canary.getByRole('button', { name: 'Ask to canary prompt' }).isEnabled()).toBe(true);
    await canary.getByRole('button', { name: 'Cancel' }).click();
    await canary.waitFor({ state: 'detached' });
  });

  it('pauses the ingest queue and flushes the answer cache; resuming during the SEV1 says it will wait', async () => {
    await a.getByRole('button', { name: 'Pause support-copilot.ingest' }).click();
    const pause = a.getByRole('dialog', { name: 'Pause support-copilot.ingest' });
    await pause.getByLabel('Retry after').fill('30s');
    await pause.getByLabel('Reason').fill('The index takes in poisoned help articles');
    await expect
      .poll(() => pause.getByTestId('control-preview').textContent())
      .toContain('support-copilot.ingest: running → paused (retry after 30s)');
    expect(await a11y(a)).toEqual([]);
    await pause.getByRole('button', { name: 'Pause ingest' }).click();
    await pause.getByText('Applied.').waitFor();
    await pause.getByRole('button', { name: 'Done' }).click();
    await pause.waitFor({ state: 'detached' });
    expect(await row(a, 'support-copilot.ingest').locator('.control-state').textContent()).toBe(
      'paused (retry after 30s)',
    );
    await a
      .locator('.timeline-entry', { hasText: 'Queue paused: support-copilot.ingest' })
      .waitFor({ timeout: 10_000 });

    await a.getByRole('button', { name: 'Flush support-copilot.answers' }).click();
    const flush = a.getByRole('dialog', { name: 'Flush support-copilot.answers' });
    await flush.getByLabel('Scope').fill('tenant:acme');
    await flush.getByLabel('Reason').fill('Answers built from the poisoned articles');
    await expect
      .poll(() => flush.getByTestId('control-preview').textContent())
      .toContain('support-copilot.answers: flushed scope tenant:acme (generation 0 → 1)');
    expect(await flush.getByRole('radio', { name: '4 hours' }).count()).toBe(0); // a flush is never temporary
    await flush.getByRole('button', { name: 'Flush answers' }).click();
    await flush.getByText('Applied.').waitFor();
    await flush.getByRole('button', { name: 'Done' }).click();
    await flush.waitFor({ state: 'detached' });
    await a
      .locator('.timeline-entry', { hasText: 'Cache flushed: support-copilot.answers' })
      .waitFor({ timeout: 10_000 });

    await a.getByRole('button', { name: 'Resume support-copilot.ingest' }).click();
    const resume = a.getByRole('dialog', { name: 'Resume support-copilot.ingest' });
    await resume.getByLabel('Reason').fill('Articles cleaned');
    expect(await resume.getByTestId('control-preview').textContent()).toMatch(
      /paused \(retry after 30s\) → running.*Will wait for a second person: resuming a paused queue during open INC-2 \(SEV1\)/,
    );
    await resume.getByRole('button', { name: 'Cancel' }).click();
    await resume.waitFor({ state: 'detached' });
  });

  it('refuses a queued review item with a standard message, shown as the user sees it', async () => {
    await api.submitForReview({
      system: 'support-copilot',
      control: 'support-copilot.review',
      incident: 'INC-2',
      eventId: 'evt-4410',
      content: {
        prompt: 'Where is my parcel?',
        answer: 'Your parcel for Jane Roe, 12 Elm Street, Leeds, ships today.',
      },
      routedBecause: 'flag:pii',
    });
    await a.reload();
    await a.getByTestId('incident-review-counts').getByText('1', { exact: true }).waitFor();
    await a.getByRole('link', { name: 'open INC-2’s queue' }).click();
    await a.waitForURL(/\/review\?incident=INC-2$/);
    const item = a.locator('[data-review="REV-1"]');
    await item.waitFor();
    expect(await item.textContent()).toMatch(
      /pending.*support-copilot.*INC-2.*routed: flagged pii.*Jane Roe, 12 Elm Street/,
    );
    expect(
      await a
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /Review/ })
        .textContent(),
    ).toContain('1');
    await shoot(a, 'review-page');
    expect(await a11y(a)).toEqual([]);

    await a.getByRole('button', { name: 'Refuse REV-1' }).click();
    const dialog = a.getByRole('dialog', { name: 'Refuse REV-1' });
    await dialog.getByRole('radio', { name: /personal information/ }).check();
    expect(await dialog.getByTestId('refusal-preview').textContent()).toContain(
      'Sorry, I can’t share that: it may contain someone’s personal information.',
    );
    await shoot(a, 'review-refuse-dialog', { dialog: true });
    expect(await a11y(a)).toEqual([]);
    await dialog.getByRole('button', { name: 'Refuse REV-1' }).click();
    await dialog.waitFor({ state: 'detached' });
    await a.getByRole('heading', { name: 'Nothing waiting for review for INC-2' }).waitFor();
    expect(await a.locator('.empty-state').textContent()).toContain('client.submitForReview');

    // The status lives in the URL, so the radio is checked once the route has moved.
    await a.getByRole('radio', { name: 'refused' }).click();
    await expect
      .poll(() => a.locator('[data-review="REV-1"]').textContent())
      .toMatch(/refused by admin.*The user is shown: .*personal information/);
    expect(await a.locator('.page-heading .review-stats').textContent()).toMatch(/0 pending.*1 refused/);
  });

  it('edits a held-back answer before it goes out, and escalates another', async () => {
    for (const eventId of ['evt-4411', 'evt-4412']) {
      await api.submitForReview({
        system: 'support-copilot',
        incident: 'INC-2',
        eventId,
        content: { prompt: 'Refund window?', answer: 'You can return it within 90 days.' },
        routedBecause: 'segment:topic=refund',
      });
    }
    await a.goto('/review?incident=INC-2');
    await a.getByRole('button', { name: 'Edit REV-2' }).click();
    const edit = a.getByRole('dialog', { name: 'Edit REV-2' });
    await edit.getByLabel('answer', { exact: true }).fill('You can return it within 30 days.');
    await edit.getByText('Changed: answer').waitFor();
    expect(await a11y(a)).toEqual([]);
    await edit.getByRole('button', { name: 'Edit REV-2' }).click();
    await edit.waitFor({ state: 'detached' });

    await a.getByRole('button', { name: 'Escalate REV-3' }).click();
    const escalate = a.getByRole('dialog', { name: 'Escalate REV-3' });
    await escalate.getByLabel('Escalate to').fill('legal');
    await escalate.getByRole('button', { name: 'Escalate REV-3' }).click();
    await escalate.waitFor({ state: 'detached' });
    await expect
      .poll(() => a.locator('.page-heading .review-stats').textContent())
      .toMatch(/0 pending.*1 edited.*1 refused.*1 escalated/);

    await a.getByRole('radio', { name: 'edited' }).click();
    await expect
      .poll(() => a.locator('[data-review="REV-2"]').textContent())
      .toMatch(/edited by admin.*Sent as edited/);
    await a.getByRole('radio', { name: 'escalated' }).click();
    await expect.poll(() => a.locator('[data-review="REV-3"]').textContent()).toContain('Escalated to legal');
    // An escalated item still takes a final answer, but not another escalation.
    expect(await a.getByRole('button', { name: 'Approve REV-3' }).count()).toBe(1);
    expect(await a.getByRole('button', { name: 'Escalate REV-3' }).count()).toBe(0);
  });

  it('shows each system’s controls in the catalog, and their history on the system page and drawer', async () => {
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Systems' }).click();
    const copilot = a.getByRole('row', { name: /Support copilot/ });
    await expect.poll(() => copilot.textContent()).toMatch(/auto-send\s*on.*prompt\s*support-answer-v5/);
    await shoot(a, 'systems-page-controls');
    expect(await a11y(a)).toEqual([]);

    await a.getByRole('link', { name: 'Support copilot' }).click();
    const autoSend = a.locator('.system-control[data-control="support-copilot.auto-send"]');
    await expect
      .poll(() => autoSend.textContent())
      .toMatch(/admin changed off \(killed\) → on.*approved by priya.*admin changed.*on → off \(killed\)/);
    await a.getByTestId('system-controls').screenshot({ path: `${SCREENSHOTS}/system-page-controls.png` });
    expect(await a11y(a)).toEqual([]);

    await a.goto(incidentUrl);
    await a.getByRole('button', { name: /Support copilot support-copilot/ }).click();
    const drawer = a.getByRole('dialog', { name: 'Support copilot' });
    await expect
      .poll(() => drawer.locator('.system-control[data-control="support-copilot.prompt"]').textContent())
      .toContain('support-answer-v6 → support-answer-v5');
    expect(await a11y(a)).toEqual([]);
    await a.keyboard.press('Escape');
  });

  it('is read-only for a viewer and on a phone', async () => {
    const viewer = (await api.createToken({ name: 'vic', role: 'viewer' })).token;
    const { page } = await room.open();
    await signIn(page, viewer);
    await page.goto(incidentUrl);
    await row(page, 'support-copilot.auto-send').waitFor();
    expect(
      await page
        .getByRole('button', {
          name: /^(Kill|Re-enable|Roll back|Set version|Canary|Throttle|Change review|Filter level|Renew|Approve) /,
        })
        .count(),
    ).toBe(0);

    const phone = (await room.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).page;
    await signIn(phone, room.adminToken);
    await phone.goto(incidentUrl);
    await row(phone, 'support-copilot.auto-send').waitFor();
    expect(await phone.getByRole('button', { name: 'Roll back support-copilot.prompt' }).isVisible()).toBe(false);
    await phone.locator('.controls-panel').screenshot({ path: `${SCREENSHOTS}/controls-phone.png` });
    expect(await a11y(phone)).toEqual([]);
  });
});
