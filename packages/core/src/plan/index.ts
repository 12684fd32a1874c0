export * from './build';
export {
  applicableTypes,
  DEFAULT_MONITOR_SIGNALS,
  isGenerative,
  monitorsInForce,
  TYPE_COVERAGE,
  watches,
} from './coverage';
export { MONITORED_TYPES, planGaps } from './gaps';
export * from './types';
