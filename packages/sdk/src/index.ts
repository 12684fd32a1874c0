export * from './client';
export * from './errors';
export * from './sse';
export * from './subscribe';
export * from './reporter';
