// The clock: timestamps are stored as ISO-8601 text (portable between SQLite and PostgreSQL).
// What runs on time (durable timers, working hours) reads a `Clock` it is given, so tests can
// move time instead of waiting; everything else stamps with `now()`.

export const now = (): string => new Date().toISOString();

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
