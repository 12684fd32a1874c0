export * from './errors';
export * from './taxonomy';
export * from './severity';
export * from './lifecycle';
export * from './roles';
export * from './timeline';
export * from './metrics';
