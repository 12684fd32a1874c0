import { readFileSync } from 'node:fs';
import {
  BUILTIN_RULE_PACK_URL,
  evaluateObligations,
  loadHolidayCalendars,
  type RegulatoryProfile,
  type RulePack,
} from '@firebreak/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RulePackFile } from './regulatory';
import { formatIssue, parseYamlFile } from './yaml-file';

beforeAll(loadHolidayCalendars);

const BUILTIN_TEXT = readFileSync(BUILTIN_RULE_PACK_URL, 'utf8');

function parsePack(text: string) {
  return parseYamlFile(RulePackFile, text, 'acme.yaml', 'expected "format: 1"');
}

function builtin(): RulePack {
  const result = parseYamlFile(RulePackFile, BUILTIN_TEXT, 'builtin.yaml', 'expected "format: 1"');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

/** The org's own rule of docs/regulatory.md. */
const OWN_PACK = `format: 1
name: acme-policies
version: 2026.1
date: 2026-12-01
defaults:
  timeZone: Europe/Paris
  calendar: FR
rules:
  - id: acme.board
    regime: Acme incident policy
    article: Section 4.2
    title: Tell the board of a serious AI incident
    recipient: The board's risk committee
    source:
      citation: Acme incident policy v7, section 4.2
      url: https://intranet.example.com/policies/incident#4.2
    applies:
      - from: 2026-01-01
        reason: the policy is in force from 1 January 2026.
    when:
      all:
        - profile: riskTier
          in: [high]
        - any:
            - fact: severity
              in: [SEV1]
            - harm: [death, health]
    stages:
      - stage: notification
        trigger:
          moment: aware
        deadlines:
          - label: 'Section 4.2: within 2 working days'
            counting: eu_days
            amount: 2
`;

describe('the built-in rule pack', () => {
  it('is valid, and holds each regime of the issue with a source and an applicability date', () => {
    const pack = builtin();
    expect(pack.rules.map((rule) => rule.id)).toEqual([
      'eu.aia.73',
      'eu.aia.26.5',
      'eu.gpai.cop.9.3',
      'gdpr.33',
      'gdpr.33.2',
      'gdpr.34',
      'nis2.23',
      'dora.19',
      'sec.8k.105',
      'hipaa.404',
      'hipaa.406',
      'hipaa.408',
      'hipaa.410',
      'ca.sb53',
      'ca.sb53.imminent',
      'ny.raise',
      'ny.raise.imminent',
      'uk.gdpr.33',
    ]);
    for (const rule of pack.rules) {
      expect(rule.source.url, rule.id).toMatch(/^https:\/\//);
      expect(rule.applies.length, rule.id).toBeGreaterThan(0);
    }
    expect(pack.rules.find((rule) => rule.id === 'ny.raise')?.applies[0]?.from).toBe('2027-01-01');
    expect(pack.rules.find((rule) => rule.id === 'eu.aia.73')?.applies.map((a) => a.from)).toEqual([
      '2026-08-02',
      '2027-12-02',
    ]);
  });

  it('validates to the same pack the engine tests read as plain YAML', () => {
    expect(builtin()).toEqual(parse(BUILTIN_TEXT));
  });
});

describe("an organisation's own pack", () => {
  it('parses and opens its obligation', () => {
    const result = parsePack(OWN_PACK);
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const profile: RegulatoryProfile = { systemId: 's', jurisdictions: ['EU'], riskTier: 'high', personalData: false };
    const open = evaluateObligations(
      result.value,
      profile,
      {
        moments: { aware: '2026-12-03T10:00:00Z' },
        harms: ['health'],
        jurisdictions: [],
        incidentType: 'bias',
        severity: 'SEV2',
        declaredAt: '2026-12-03T09:00:00Z',
      },
      [],
      '2026-12-04T00:00:00Z',
    );
    // Thu 3 Dec + 2 = Sat 5 Dec (Paris 24:00 = 22:59:59.999Z) → Mon 7 Dec; Fri 4 and Mon 7 are two working days.
    expect(open).toMatchObject([
      { ruleId: 'acme.board', due: '2026-12-05T22:59:59.999Z', dueRolled: '2026-12-07T22:59:59.999Z' },
    ]);
  });

  it('names the line and the field of each mistake', () => {
    const broken = OWN_PACK.replace('in: [high]', 'in: [hihg]')
      .replace('moment: aware', 'moment: awre')
      .replace('            amount: 2\n', '')
      .replace('calendar: FR', 'calendar: XX');
    const result = parsePack(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'acme.yaml:7:13: defaults.calendar: no holiday calendar by that name (a country code such as BE or US, or US-NY)',
      'acme.yaml:23:16: rules[0].when.all[0].in[0]: riskTier is one of minimal, limited, high, unacceptable',
      expect.stringMatching(/^acme\.yaml:31:19: rules\[0\]\.stages\[0\]\.trigger\.moment: Invalid option/),
      // A missing field is placed at the map it is missing from.
      'acme.yaml:33:13: rules[0].stages[0].deadlines[0].amount: required field is missing (how many for eu_days)',
    ]);
  });

  it.each([
    [
      'a condition with two tests',
      (text: string) =>
        text.replace('        - profile: riskTier', '        - harm: [death]\n          profile: riskTier'),
      /rules\[0\]\.when\.all\[0\]: a condition holds one test, found profile and harm/,
    ],
    [
      'a later stage following a stage the rule lacks',
      (text: string) => text.replace('moment: aware', 'filed: [initial]'),
      /rules\[0\]\.stages\[0\]\.trigger\.filed\[0\]: the rule has no stage initial to follow/,
    ],
    [
      'an unknown time zone',
      (text: string) => text.replace('Europe/Paris', 'Europe/Pari'),
      /defaults\.timeZone: not an IANA/,
    ],
    [
      'an amount on an immediate deadline',
      (text: string) => text.replace('counting: eu_days', 'counting: immediately'),
      /deadlines\[0\]\.amount: an immediate deadline has no amount/,
    ],
    [
      'a source that is not a web address',
      (text: string) => text.replace('https://intranet.example.com/policies/incident#4.2', 'intranet policy'),
      /source\.url: expected the http\(s\) address/,
    ],
    [
      'the same rule twice',
      (text: string) => `${text}${text.slice(text.indexOf('  - id: acme.board'))}`,
      /rules\[1\]\.id: acme\.board appears twice/,
    ],
    [
      'an impossible date',
      (text: string) => text.replace('from: 2026-01-01', 'from: 2026-02-30'),
      /applies\[0\]\.from: not a calendar date/,
    ],
    [
      'an unknown field',
      (text: string) => text.replace('    regime:', '    regimen: x\n    regime:'),
      /acme\.yaml:10:5: rules\[0\]\.regimen: unknown field/,
    ],
  ])('refuses %s', (_name, edit, message) => {
    const result = parsePack(edit(OWN_PACK));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(formatIssue).join('\n')).toMatch(message);
  });
});
