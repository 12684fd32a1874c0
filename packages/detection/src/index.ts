export * from './detector';
export * from './engine';
export * from './random';
export * from './series';
export { type ChangePointOptions, changePoints, estimateOnsetIndex } from './engine/onset';
