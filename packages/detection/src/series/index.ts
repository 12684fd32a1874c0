export * from './anomaly-likelihood';
export * from './change-channel';
export * from './novelty-detector';
export * from './novelty-resonance-detector';
export * from './resonance';
export * from './run-series';
export * from './transition-novelty';
export { windowedGaussianScores } from './windowed-gaussian';
