export * from './final-schedule';
export * from './ical-feed';
export * from './model';
export * from './on-call';
export * from './owners';
export * from './report';
export * from './rotation-clock';
export * from './shifts';
