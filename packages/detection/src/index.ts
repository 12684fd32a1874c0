export * as canary from './canary';
export * from './detector';
export * from './drills/generate-telemetry';
export * from './engine';
export { type ChangePointOptions, changePoints, estimateOnsetIndex } from './engine/onset';
export * from './random';
export * from './series';
export * as stats from './stats';
