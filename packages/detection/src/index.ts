export * from './detector';
export * from './engine';
export * from './random';
export { type ChangePointOptions, changePoints, estimateOnsetIndex } from './engine/onset';
