import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { copilotCard } from './fixtures';

const card = {
  ...copilotCard,
  presets: [
    {
      id: 'safe-mode',
      description: 'No auto-send, strict filter, everything reviewed, the oldest model',
      changes: [
        { control: 'auto-send', enabled: false },
        { control: 'filter', level: 'strict' },
        { control: 'review', share: 1 },
        { control: 'model', active: 'm-10' },
      ],
    },
  ],
  tiers: { SEV1: 'safe-mode' },
};

describe.each(STORE_TARGETS)('presets and safe mode on $name', (target) => {
  let h: Harness;
  const state = async (name: string) =>
    (await h.call('GET', `/api/v1/controls/support-copilot.${name}`)).body.state as Record<string, unknown>;
  const preset = (action: 'apply' | 'revert', body: Record<string, unknown>, token?: string) =>
    h.call('POST', `/api/v1/systems/support-copilot/presets/safe-mode/${action}`, {
      ...(token === undefined ? {} : { token }),
      body,
    });

  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [card] } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  });
  afterAll(() => h.close());

  it('refuses a preset that names an unknown control or sets what its kind lacks, naming the field', async () => {
    const bad = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: {
        systems: [
          {
            ...card,
            presets: [
              {
                id: 'safe-mode',
                changes: [
                  { control: 'nope', enabled: false },
                  { control: 'filter', enabled: false },
                  { control: 'model', active: 'm-99' },
                ],
              },
            ],
            tiers: { SEV2: 'strict' },
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'systems[0].presets[0].changes[0].control',
        'systems[0].presets[0].changes[1].enabled',
        'systems[0].presets[0].changes[2].active',
        'systems[0].tiers.SEV2',
      ]),
    );
  });

  it('applies safe mode as one audited change: every control, one entry on the timeline', async () => {
    const incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV2' }) })).body
      .id as string;
    const applied = await preset('apply', { reason: 'PII in answers', incident });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ id: 'PRE-1', preset: 'safe-mode', status: 'applied', appliedBy: 'dana' });
    expect(applied.body.changes.map((change: { key: string }) => change.key)).toEqual([
      'support-copilot.auto-send',
      'support-copilot.filter',
      'support-copilot.model',
      'support-copilot.review',
    ]);
    expect(await state('auto-send')).toEqual({ kind: 'kill_switch', enabled: false });
    expect(await state('filter')).toMatchObject({ level: 'strict' });
    expect(await state('review')).toMatchObject({ share: 1 });
    expect(await state('model')).toMatchObject({ active: 'm-10' });
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries as {
      kind: string;
      payload: Record<string, unknown>;
    }[];
    expect(entries.filter((entry) => entry.kind === 'control_changed')).toHaveLength(4);
    expect(entries.at(-1)).toMatchObject({
      kind: 'preset_applied',
      payload: { application: 'PRE-1', preset: 'safe-mode', reason: 'PII in answers' },
    });
    const [audited] = await h.store.db.select().from(auditLog).where(eq(auditLog.action, 'preset.applied'));
    expect(audited).toMatchObject({ actor: 'dana', subject: 'support-copilot/safe-mode' });
    expect((audited!.payload as { changes: unknown[] }).changes).toHaveLength(4);
    // Applying it again is refused: it is in force.
    expect((await preset('apply', { reason: 'again' })).status).toBe(409);
    const listed = await h.call('GET', '/api/v1/systems/support-copilot/presets');
    expect(listed.body).toMatchObject({
      tiers: { SEV1: 'safe-mode' },
      presets: [{ id: 'safe-mode', applied: { id: 'PRE-1' } }],
    });
  });

  it('refuses to revert while a SEV1 or SEV2 is open, and after a control moved since', async () => {
    const refused = await preset('revert', { reason: 'looks fine' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(
      'recovery gate not passed, so traffic on support-copilot may not widen yet',
    );
    expect(refused.body.error.message).toContain('INC-1: replay-failing-inputs not checked yet');
  });

  it('reverts as one once the incident is over, restoring every control', async () => {
    const ended = await h.call('POST', '/api/v1/incidents/INC-1/transition', {
      token: h.tokens.admin,
      body: { status: 'dismissed', reason: 'test over' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const reverted = await preset('revert', { reason: 'filter fixed and verified' });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body).toMatchObject({
      status: 'reverted',
      revertedBy: 'dana',
      revertReason: 'filter fixed and verified',
    });
    expect(await state('auto-send')).toEqual({ kind: 'kill_switch', enabled: true });
    expect(await state('filter')).toMatchObject({ level: 'standard' });
    expect(await state('review')).toMatchObject({ share: 0 });
    expect(await state('model')).toMatchObject({ active: 'm-12' });
  });

  it('will not revert as one what someone changed since', async () => {
    expect((await preset('apply', { reason: 'drill' })).status).toBe(200);
    await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'standard', reason: 'too strict' },
    });
    const refused = await preset('revert', { reason: 'drill over' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/support-copilot.filter \(changed by dana since\)/);
    expect(await state('auto-send')).toEqual({ kind: 'kill_switch', enabled: false });
  });

  it('answers an unknown preset with 404 naming the presets there are', async () => {
    const missing = await h.call('POST', '/api/v1/systems/support-copilot/presets/lockdown/apply', {
      body: { reason: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('its presets: safe-mode');
  });
});

describe.each(STORE_TARGETS)('lifting safe mode during a SEV1 on $name', (target) => {
  let h: Harness;
  let incident: string;
  const revert = (token?: string) =>
    h.call('POST', '/api/v1/systems/support-copilot/presets/safe-mode/revert', {
      ...(token === undefined ? {} : { token }),
      body: { reason: 'the fix is out and checked' },
    });
  const attest = (token?: string) =>
    h.call('POST', `/api/v1/incidents/${incident}/recovery/checks`, {
      ...(token === undefined ? {} : { token }),
      body: { item: 'smoke-test', url: 'https://ci.example.com/runs/812' },
    });

  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: {
        systems: [card],
        directory: {
          recovery: { checklists: { default: [{ id: 'smoke-test', kind: 'attestation', what: 'smoke test green' }] } },
        },
      },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
    const safe = await h.call('POST', '/api/v1/systems/support-copilot/presets/safe-mode/apply', {
      body: { reason: 'PII in answers', incident },
    });
    expect(safe.status, JSON.stringify(safe.body)).toBe(200);
  });
  afterAll(() => h.close());

  it("lifts it as one once the gate passed with someone else's attestation, never on the lifter's own", async () => {
    expect((await attest()).status).toBe(200);
    const own = await revert();
    expect(own.status).toBe(409);
    expect(own.body.error.message).toContain('smoke-test: attested only by dana');
    expect(own.body.error.message).toContain(
      "an attestation by someone other than dana (lifting safe-mode as one during a SEV1/SEV2 takes a second person's word",
    );

    expect((await attest(h.tokens.admin)).status).toBe(200);
    const lifted = await revert();
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'reverted', revertedBy: 'dana' });
    const state = (await h.call('GET', '/api/v1/controls/support-copilot.auto-send')).body.state;
    expect(state).toEqual({ kind: 'kill_switch', enabled: true });
    const kinds = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.map(
      (entry: { kind: string }) => entry.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['recovery_checked', 'preset_reverted']));
  });
});
