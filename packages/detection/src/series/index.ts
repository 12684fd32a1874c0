export * from './anomaly-likelihood';
export * from './transition-novelty';
export * from './novelty-detector';
export * from './resonance';
export * from './novelty-resonance-detector';
export * from './run-series';
