export * from './detector';
export * from './engine';
