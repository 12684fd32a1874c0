export * from './bundles';
export {
  type SegmentGateReason,
  type SignalSettingsWords,
  segmentGateText,
  seriesName,
  signalSettingsText,
} from './canary-words';
export * from './checkpoints';
export * from './controls';
export * from './default-notification-matrix';
export * from './drills/library';
export * from './drills/scenario';
export * from './drills/score';
export * from './duration';
export * from './errors';
export * from './escalation';
export * from './exercises';
export * from './identifiers';
export * from './learning';
export * from './lifecycle';
export * from './metrics';
export * from './notification-matrix';
export * from './notification-preview';
export * from './plan';
export * from './readiness';
export * from './readiness-coverage';
export * from './regulatory/builtin-pack';
export * from './regulatory/calendars';
export * from './regulatory/conditions';
export * from './regulatory/counting';
export * from './regulatory/describe';
export * from './regulatory/obligations';
export * from './regulatory/pack';
export * from './regulatory/reports';
export * from './regulatory/types';
export * from './review';
export * from './review-capacity';
export * from './roles';
export * from './severity';
export * from './status-page';
export * from './taxonomy';
export * from './timeline';
export * from './triage-rules';
export * from './update-cadence';
