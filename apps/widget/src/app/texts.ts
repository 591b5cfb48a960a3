// Every text the chat app shows, in one place, so a language (W3: Spanish next) is one object.
import { ErrorCode, type ErrorInfo } from '@palique/protocol/errors';

export const en = {
  title: 'Chat with us',
  statusLive: "We're online",
  statusMessenger: "We'll reply as soon as we can",
  greetingLive: 'Hi there! Ask us anything, we usually reply in a few minutes.',
  greetingMessenger: "Leave us a message and we'll get back to you here.",
  teamName: 'Team',
  you: 'You',
  minimize: 'Minimize chat',
  conversation: 'Conversation',
  messageLabel: 'Message',
  messagePlaceholder: 'Write a message…',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retry: 'Retry',
  offline: 'Connecting… Your messages will be sent when the connection is back.',
  missingWidget: 'This chat is not set up correctly (no widget id).',
  errors: {
    [ErrorCode.RateLimited]: 'Too many messages at once. Wait a moment, then retry.',
    [ErrorCode.InvalidInput]: 'This message cannot be sent as it is.',
  } as Record<string, string>,
};

export type Texts = typeof en;

export const texts: Texts = en;

/** What to tell the visitor about a refused message: a known reason, else the server's words. */
export function describeError(t: Texts, error: ErrorInfo | undefined): string {
  if (!error) return t.notSent;
  return t.errors[error.code] ?? error.message;
}
