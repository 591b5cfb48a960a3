// @palique/protocol: the one source of truth for every HTTP body and socket event.
export * from './common';
export * from './messages';
export * from './http';
export * from './socket';
export type * from './embed';
