import { CanaryDefaults } from './canary';
import { Duration, SystemId, Text, TimestampOut, Url } from './common';
import { ControlAccess, checkControlAccessTeams } from './control-access';
import { ControlConfig } from './controls';
import { MonitorConfig, TriageRule } from './detection';
import { OnCallDirectory } from './directory';
import { reportDuplicateIds } from './issues';
import { AlertBudget, ResolvedAlertBudget } from './monitoring';
import { checkEscalationTargets, NotificationsConfig } from './notifications';
import { checkOnCallReferences, OverrideConfig, PersonConfig, ScheduleConfig, TeamConfig } from './oncall';
import { PostmortemSettings } from './postmortems';
import { checkPresets, GuardrailTiers, PresetConfig } from './presets';
import { RecoveryConfig } from './recovery';
import { checkReviewOverflow, ReviewOverflow } from './review';
import { checkStatusPageSystems, StatusPageConfig } from './status-page';
import { z } from './zod';

export const RISK_TIERS = ['minimal', 'limited', 'high', 'unacceptable'] as const;
export const DEPENDENCY_KINDS = [
  'retrieval_index',
  'model_api',
  'vendor',
  'dataset',
  'feature_store',
  'service',
] as const;

const Version = Text(200);
const Tags = z.array(Text(100)).max(100).default([]);

/**
 * The system card: what a responder needs to know about an AI system at 3 a.m.
 * Unknown keys are refused so a typo in firebreak.yaml is caught, not ignored.
 */
/**
 * The organisation's roles for one system under the regimes the rule pack knows (issue 14): all
 * optional, since a rule that needs an unknown role does not open (and the plan says so).
 */
export const RegulatoryRole = z
  .object({
    role: z
      .enum(['provider', 'deployer', 'provider_and_deployer'])
      .optional()
      .openapi({ description: 'Under the EU AI Act: provider (Art. 73) or deployer (Art. 26(5)).' }),
    dataRole: z
      .enum(['controller', 'processor'])
      .optional()
      .openapi({ description: 'Under the GDPR, for the personal data the system handles.' }),
    sector: Text(100).optional(),
    nis2Entity: z.enum(['essential', 'important']).optional().openapi({ description: 'NIS2 Art. 3.' }),
    doraEntity: z
      .enum(['credit_institution', 'ccp', 'trading_venue', 'nis2_entity', 'other'])
      .optional()
      .openapi({ description: 'DORA Art. 2: a financial entity, and which kind.' }),
    secRegistrant: z.boolean().optional().openapi({ description: 'Files with the SEC (Form 8-K Item 1.05).' }),
    hipaa: z.enum(['covered_entity', 'business_associate']).optional(),
    gpaiSystemicRisk: z
      .boolean()
      .optional()
      .openapi({ description: 'Built on a general-purpose model with systemic risk (AI Act Art. 51).' }),
    gpaiCodeSignatory: z.boolean().optional().openapi({ description: "The model's provider signed the GPAI Code." }),
    frontierDeveloper: z
      .boolean()
      .optional()
      .openapi({ description: 'A frontier developer (California SB 53, New York RAISE).' }),
  })
  .strict()
  .openapi('RegulatoryRole');
export type RegulatoryRole = z.infer<typeof RegulatoryRole>;

const SystemCardObject = z
  .object({
    id: SystemId,
    name: Text(200).openapi({ example: 'Support copilot' }),
    description: Text(4000).optional(),
    /** The accountable team or person: a team's id (from `teams`) names that team; other text is kept as written. */
    owner: Text(200).openapi({
      description: 'The accountable team or person; the id of a declared team names that team.',
      example: 'support-ai',
    }),
    onCall: Text(200)
      .optional()
      .openapi({ description: 'Who is paged, or the rotation name.', example: 'support-ai-oncall' }),
    model: z
      .object({ name: Text(200), version: Version, provider: Text(200).optional() })
      .strict()
      .openapi({ example: { name: 'gpt-4.1', version: '2025-04-14', provider: 'openai' } }),
    promptTemplateVersion: Version.optional(),
    safetyPolicyVersion: Version.optional(),
    dependencies: z
      .array(
        z
          .object({
            name: Text(200),
            kind: z.enum(DEPENDENCY_KINDS),
            version: Version.optional(),
            vendor: Text(200).optional(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    intendedUse: Text(4000).optional(),
    knownLimits: z.array(Text(1000)).max(100).default([]),
    blastRadius: z
      .object({
        tenants: Tags,
        regions: Tags,
        users: z.number().int().nonnegative().optional().openapi({ description: 'About how many people it reaches.' }),
      })
      .strict()
      .default({ tenants: [], regions: [] }),
    jurisdictions: Tags.openapi({ example: ['EU', 'US-CA'] }),
    personalData: z
      .object({ processed: z.boolean(), categories: Tags })
      .strict()
      .default({ processed: false, categories: [] }),
    riskTier: z.enum(RISK_TIERS).openapi({ description: 'Risk tier in the EU AI Act sense.' }),
    /** Who the organisation is for this system under each regime: what the rule pack's obligations read. */
    regulatory: RegulatoryRole.optional(),
    dashboards: z
      .array(z.object({ name: Text(200), url: Url }).strict())
      .max(50)
      .default([]),
    runbook: Url.optional(),
    tags: Tags,
    /** Monitors of this system; without any, Firebreak watches every standard signal with defaults. */
    monitors: z.array(MonitorConfig).max(200).default([]),
    /** Containment levers apps obey through the SDK: kill switches, routes, throttles, review, filters. */
    controls: z.array(ControlConfig).max(100).default([]),
    /**
     * The system's false-alarm budget for all its monitors together (default: a false page a
     * month, a false warning a week); the engine splits it across monitors and segments.
     */
    alertBudget: AlertBudget.optional(),
    /** Named sets of control changes applied and reverted as one; `safe-mode` is the system's safe mode. */
    presets: z.array(PresetConfig).max(20).optional(),
    /** Which preset a severity calls for (`SEV1: safe-mode`); `firebreak preset apply --tier SEV1` applies it. */
    tiers: GuardrailTiers.optional(),
    /**
     * How long an item routed to human review may wait for a person (default 30m); the review
     * queue forecasts when it will breach this at the current pace.
     */
    reviewSla: Duration.optional(),
    /** What happens when the review queue is forecast to breach its SLA: suggest (default), lower the share, or tighten the filter. */
    reviewOverflow: ReviewOverflow.optional(),
    /** Defaults for the canaries of this system's routes: plan, signals, segment key, settings per signal. */
    canary: CanaryDefaults.optional(),
  })
  .strict();

export const SystemCard = SystemCardObject.superRefine((card, ctx) => {
  reportDuplicateIds(ctx, card.monitors, ['monitors'], 'monitor');
  reportDuplicateIds(ctx, card.controls, ['controls'], 'control');
  checkPresets(card, ctx);
  checkReviewOverflow(card, ctx);
}).openapi('SystemCard');
export type SystemCardInput = z.input<typeof SystemCard>;
export type SystemCard = z.infer<typeof SystemCard>;

export const AiSystem = SystemCardObject.extend({
  alertBudget: ResolvedAlertBudget.openapi({ description: 'The budget in force: the card’s, defaults filled in.' }),
  revision: z.number().int().openapi({ description: 'Goes up by one with every change to the card.' }),
  createdAt: TimestampOut,
  updatedAt: TimestampOut,
  updatedBy: z.string(),
}).openapi('AiSystem');
export type AiSystem = z.infer<typeof AiSystem>;

export const SystemList = z.object({ systems: z.array(AiSystem) }).openapi('SystemList');
export type SystemList = z.infer<typeof SystemList>;

export const ApplySystemsRequest = z
  .object({
    systems: z.array(SystemCard).max(500),
    /** When given, replaces the triage rules (in order) in the same transaction. */
    rules: z.array(TriageRule).max(500).optional(),
    /** When given, replaces who can be reached and who is on call (a new revision), in the same transaction. */
    directory: OnCallDirectory.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.systems.length === 0 && body.rules === undefined && body.directory === undefined)
      ctx.addIssue({ code: 'custom', path: ['systems'], message: 'give at least one system, rules or a directory' });
    reportDuplicateIds(ctx, body.systems, ['systems'], 'system');
    reportDuplicateIds(ctx, body.rules, ['rules'], 'rule');
  })
  .openapi('ApplySystemsRequest');
export type ApplySystemsRequest = z.infer<typeof ApplySystemsRequest>;

export const ApplySystemsResponse = z
  .object({
    results: z.array(
      z.object({ id: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']), revision: z.number().int() }),
    ),
    /** How many triage rules are now in force, when the request replaced them. */
    rules: z.number().int().optional(),
    /** The directory's new revision, when the request replaced it. */
    directory: z
      .object({ revision: z.number().int(), people: z.number().int(), schedules: z.number().int() })
      .optional(),
  })
  .openapi('ApplySystemsResponse');
export type ApplySystemsResponse = z.infer<typeof ApplySystemsResponse>;

/** `firebreak.yaml`: the file a team keeps its AI systems in. */
export const FirebreakConfig = z
  .object({
    version: z.literal(1, { message: 'expected version: 1' }),
    systems: z.array(SystemCard).default([]),
    /** Triage rules; when the key is absent, applying the file leaves the rules in force alone. */
    rules: z.array(TriageRule).optional(),
    /** Who Firebreak can reach. */
    people: z.array(PersonConfig).max(5000).optional(),
    /** Teams of people; a system's `owner` may name one. */
    teams: z.array(TeamConfig).max(1000).optional(),
    /** On-call schedules: layers of rotations. */
    schedules: z.array(ScheduleConfig).max(1000).optional(),
    /** Someone taking a schedule's pager for a period. */
    overrides: z.array(OverrideConfig).max(5000).optional(),
    /** Who is told what, on which channels, how escalation runs and how often updates are owed; left out, the defaults. */
    notifications: NotificationsConfig.optional(),
    /** When postmortems are required and due, and their templates; left out, the defaults. */
    postmortems: PostmortemSettings.optional(),
    /** Who may change a system's controls; left out, its owners (and admins, and incident commanders). */
    controlAccess: ControlAccess.optional(),
    /** What a serious incident's recovery gate asks before traffic widens again; left out, the built-in checklists. */
    recovery: RecoveryConfig.optional(),
    /** The public status page: its title and components (systems and features shown to customers). */
    statusPage: StatusPageConfig.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    reportDuplicateIds(ctx, config.systems, ['systems'], 'system');
    reportDuplicateIds(ctx, config.rules, ['rules'], 'rule');
    checkOnCallReferences(config, ctx);
    checkEscalationTargets(config, ctx);
    checkControlAccessTeams(config, ctx);
    checkStatusPageSystems(config, ctx);
  });
export type FirebreakConfig = z.infer<typeof FirebreakConfig>;

/** The `{id}` in `/systems/{id}`. */
export const SystemIdParams = z.object({ id: SystemId });
