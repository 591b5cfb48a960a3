// The clock: timestamps are stored as ISO-8601 text (portable between SQLite and PostgreSQL).

export const now = (): string => new Date().toISOString();
