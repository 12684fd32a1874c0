import { ControlAccess } from '@firebreak/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { type AccessFacts, decideControlAccess } from './access';
import { copilotCard } from './fixtures';

const directory = {
  people: [
    { id: 'dana', name: 'Dana Reyes', timeZone: 'Europe/Berlin' },
    { id: 'omar', name: 'Omar Haddad', timeZone: 'Europe/Berlin' },
    { id: 'lin', name: 'Lin Wu', timeZone: 'Asia/Singapore' },
  ],
  teams: [
    { id: 'support-ai', name: 'Support AI', members: ['omar'] },
    { id: 'sre', name: 'SRE', members: ['lin'] },
  ],
};
const responder = (name: string) => ({ name, role: 'responder' as const, tokenId: `tok-${name}` });
const facts = (over: Partial<AccessFacts> = {}): AccessFacts => ({
  policy: ControlAccess.parse({}),
  directory: directory as AccessFacts['directory'],
  system: 'support-copilot',
  owner: 'support-ai',
  actor: responder('dana'),
  commanders: [],
  ...over,
});

describe('decideControlAccess', () => {
  it('lets admins, Firebreak itself and the owner team change controls', () => {
    expect(decideControlAccess(facts({ actor: { name: 'root', role: 'admin', tokenId: 't' } }))).toEqual({
      allowed: true,
      grant: 'admin',
    });
    expect(decideControlAccess(facts({ actor: { name: 'rule:pii', role: 'admin', tokenId: null } }))).toMatchObject({
      grant: 'admin',
    });
    expect(decideControlAccess(facts({ actor: { name: 'expiry', role: 'responder', tokenId: null } }))).toMatchObject({
      grant: 'firebreak',
    });
    expect(decideControlAccess(facts({ actor: responder('omar') }))).toMatchObject({ grant: 'owner_team' });
    // A token named by the person's name or first name counts as that person.
    expect(decideControlAccess(facts({ actor: responder('Omar Haddad') }))).toMatchObject({ grant: 'owner_team' });
  });

  it('refuses anyone else, naming the rule and who may', () => {
    const decision = decideControlAccess(facts());
    expect(decision).toEqual({
      allowed: false,
      message:
        'controlAccess.changedBy is owners: only the members of support-ai (the owner of support-copilot), the commander of an open incident on support-copilot or an admin may change the controls of support-copilot; dana (Dana Reyes) is none of them',
    });
    expect(decideControlAccess(facts({ actor: responder('ghost') }))).toMatchObject({
      allowed: false,
      message: expect.stringContaining('ghost is no person of the directory'),
    });
  });

  it('lets the listed teams and the commander of an open incident on the system in', () => {
    const policy = ControlAccess.parse({ teams: ['sre'] });
    expect(decideControlAccess(facts({ policy, actor: responder('lin') }))).toMatchObject({ grant: 'listed_team' });
    expect(decideControlAccess(facts({ actor: responder('lin') }))).toMatchObject({ allowed: false });
    const commanders = [{ incident: 'INC-4', person: 'Dana Reyes' }];
    expect(decideControlAccess(facts({ commanders }))).toMatchObject({ grant: 'incident_commander' });
    const off = ControlAccess.parse({ incidentCommanders: false });
    expect(decideControlAccess(facts({ commanders, policy: off }))).toMatchObject({ allowed: false });
  });

  it('leaves a system with no owner team, or a responders policy, open to responders', () => {
    expect(decideControlAccess(facts({ owner: 'Support AI folks' }))).toEqual({ allowed: true, grant: 'unowned' });
    const open = ControlAccess.parse({ changedBy: 'responders' });
    expect(decideControlAccess(facts({ policy: open }))).toEqual({ allowed: true, grant: 'responders' });
  });
});

describe.each(STORE_TARGETS)('who may change a control, on $name', (target) => {
  let h: Harness;
  const kill = (token?: string, body: Record<string, unknown> = {}) =>
    h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      ...(token === undefined ? {} : { token }),
      body: { enabled: false, reason: 'PII in answers', ...body },
    });

  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [copilotCard], directory },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  });
  afterAll(() => h.close());

  it('refuses a responder outside the owner team with 403 naming the rule, and changes nothing', async () => {
    const refused = await kill();
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('controlAccess.changedBy is owners'),
      details: { rule: 'controlAccess.changedBy', system: 'support-copilot' },
    });
    const control = await h.call('GET', '/api/v1/controls/support-copilot.auto-send');
    expect(control.body.state).toEqual({ kind: 'kill_switch', enabled: true });
    expect(control.body.history.map((change: { actor: string }) => change.actor)).not.toContain('dana');
  });

  it('lets the commander of an open incident on the system contain it', async () => {
    const incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id as string;
    const assigned = await h.call('POST', `/api/v1/incidents/${incident}/roles`, {
      body: { role: 'incident_commander', person: 'dana', reason: 'on call' },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const killed = await kill(undefined, { incident });
    expect(killed.status).toBe(200);
    expect(killed.body.outcome).toBe('applied');
  });

  it('lets an admin change any control', async () => {
    const reviewed = await h.call('POST', '/api/v1/controls/support-copilot.review', {
      token: h.tokens.admin,
      body: { share: 0.5, reason: 'review half while the filter is checked' },
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  });
});
