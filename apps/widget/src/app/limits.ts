// Limits the server enforces, repeated here as plain numbers: importing them from
// @palique/protocol would bundle zod into the widget. limits.test.ts keeps them equal.
export const MAX_MESSAGE_LENGTH = 10_000;
