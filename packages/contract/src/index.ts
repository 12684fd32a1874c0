export { z } from './zod';
export * from './common';
export * from './errors';
export * from './incidents';
export * from './records';
export * from './systems';
export * from './tokens';
export * from './issues';
export * from './telemetry';
