export * from './analyse';
export * from './sprt';
export * from './steps';
