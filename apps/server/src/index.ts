export { type Db, openStore, type Store } from './db/connect';
export { DetectionRuntime } from './detection/runtime';
export { EventBus } from './events/bus';
export { type AppOptions, createApp } from './http/app';
export { enqueueNotifications, type NewNotification } from './notifications/enqueue';
export { type RunningServer, type StartServerOptions, startServer } from './server';
export { bootstrapAdminToken } from './tokens/service';
