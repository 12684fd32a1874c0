export * from './event';
export * from './signals';
export * from './monitor';
export * from './aggregate';
export * from './alerting';
export * from './window-detectors';
export * from './engine';
export * from './config';
