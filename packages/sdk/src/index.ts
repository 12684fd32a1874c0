export * from './client';
export * from './errors';
export * from './sse';
export * from './subscribe';
export * from './reporter';
export * from './controls/controls';
export * from './controls/evaluate';
export * from './controls/openfeature';
export type { ConnectionMode } from './controls/connection';
