export * from './detector';
export * from './engine';
export * from './random';
