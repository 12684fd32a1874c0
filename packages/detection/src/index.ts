export * as canary from './canary';
export * from './detector';
export * from './engine';
export { type ChangePointOptions, changePoints, estimateOnsetIndex } from './engine/onset';
export * from './random';
export * from './series';
export * as stats from './stats';
export * from './drills/generate-telemetry';
