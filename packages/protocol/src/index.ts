// @palique/protocol: the one source of truth for every HTTP body and socket event.
// Zod-free parts have their own entries too: `@palique/protocol/constants`, `/errors` and `/widget-texts`.
export * from './constants';
export * from './errors';
export * from './text';
export * from './entities';
export * from './http';
export * from './http-visitors';
export * from './socket';
export * from './widget-texts/index';
export * from './widget-texts-http';
export type * from './embed';
export * from './notification-settings';
export * from './online-visitors';
export * from './triggers';
export * from './trigger-templates';
export * from './email';
