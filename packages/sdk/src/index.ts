export * from './client';
export type { ConnectionMode } from './controls/connection';
export * from './controls/controls';
export * from './controls/evaluate';
export * from './controls/openfeature';
export * from './errors';
export * from './reporter';
export * from './sse';
export * from './subscribe';
