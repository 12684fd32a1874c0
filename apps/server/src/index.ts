export { startServer, type StartServerOptions, type RunningServer } from './server';
export { createApp, type AppOptions } from './http/app';
export { openStore, type Store, type Db } from './db/connect';
